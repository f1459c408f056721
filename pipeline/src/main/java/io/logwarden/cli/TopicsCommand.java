package io.logwarden.cli;

import io.logwarden.audit.AdminAudit;
import io.logwarden.cluster.ClusterConnection;
import io.logwarden.policy.Policy;
import io.logwarden.topics.TopicPlan.Change;
import io.logwarden.topics.TopicPlan;
import io.logwarden.topics.TopicPlanner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden topics}: the policy's topics on a cluster. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    header = "Compares the cluster's topics with the policy, and makes them match.",
    description = "Store topics, security events, alerts and the DLQ against the policy's cleanup policy, "
        + "retention and partition count, and raw topics (logs.raw.*) against LogAppendTime.",
    subcommands = {TopicsCommand.Plan.class, TopicsCommand.Apply.class})
final class TopicsCommand {

  /** Exit code of {@code plan --check} when the cluster differs from the policy. */
  static final int DRIFT = 1;

  /** {@code logwarden topics plan}. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      header = "Prints the difference between the policy and the cluster's topics.",
      description = "One line per difference: '+ create' a missing topic, '~ alter' a setting that differs "
          + "(cleanup.policy, retention.ms, a raw topic's message.timestamp.type), '! manual' a partition "
          + "count (apply leaves it: adding partitions moves keys). Changes nothing.",
      footer = {"", "Examples:", "  ./logwarden topics plan --bootstrap-server kafka:9092",
          "  ./logwarden topics plan --bootstrap-server kafka:9093 --command-config client.properties --check"})
  static final class Plan implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    PolicyOption policyOption;

    @Option(names = "--check", description = "Exit with " + DRIFT + " when there is any difference (for CI or a scheduled job).")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Policy policy = policyOption.load();
      Map<String, Object> props = cluster.connectedClientProperties();
      try (Admin admin = Admin.create(props)) {
        // A topic this principal may not describe would look missing: say so instead of planning its creation.
        Map<String, Set<AclOperation>> needed = new TreeMap<>();
        policy.outputTopics().forEach(topic ->
            needed.put(topic.name(), new LinkedHashSet<>(List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS))));
        ClusterConnection.checkTopicAccess(admin, cluster.bootstrapServer, needed);
        TopicPlan plan = new TopicPlanner(admin).plan(policy);
        print(plan.changes(), out);
        out.println(plan.clean() ? "The cluster's topics match the policy."
            : plan.changes().size() + " difference(s) from the policy.");
        return check && !plan.clean() ? DRIFT : 0;
      }
    }
  }

  /** {@code logwarden topics apply}. */
  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      header = "Creates missing topics and fixes settings that differ from the policy.",
      description = "Creates the policy's missing topics and sets cleanup.policy, retention.ms and raw topics' "
          + "message.timestamp.type to the policy's; prints each change it made and what it left (partition "
          + "counts). Never deletes a topic or data. Each change is also published to the security-events topic as a "
          + "configuration-change event (the pipeline audits itself). The principal needs to create topics, alter their "
          + "configs and write security events.",
      footer = {"", "Example:", "  ./logwarden topics apply --bootstrap-server kafka:9092"})
  static final class Apply implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    RegistryOption registryOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Policy policy = policyOption.load();
      try (Admin admin = Admin.create(cluster.connectedClientProperties())) {
        TopicPlanner planner = new TopicPlanner(admin);
        TopicPlan plan = planner.plan(policy);
        List<Change> done = planner.apply(policy, plan);
        print(done, out);
        // The pipeline audits itself: its own changes reach detection as configuration changes.
        AdminAudit.publish(cluster.clientProperties(), policy.topics().securityEvents().name(),
            registryOption.topics(policy).securityEvents().valueSerde().serializer(),
            AdminAudit.events("topics apply", done, Instant.now()));
        List<Change> left = plan.changes().stream().filter(c -> !done.contains(c)).toList();
        if (!left.isEmpty()) {
          out.println("Left to an operator:");
          print(left, out);
        }
        out.println(done.size() + " change(s) made" + (left.isEmpty() ? "." : ", " + left.size() + " left."));
        return 0;
      }
    }
  }

  private static void print(List<Change> changes, PrintWriter out) {
    changes.forEach(change -> out.println(change.describe()));
  }
}
