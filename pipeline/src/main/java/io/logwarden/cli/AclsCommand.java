package io.logwarden.cli;

import io.logwarden.access.AccessMatrix;
import io.logwarden.access.AclPlan.Change;
import io.logwarden.access.AclPlan;
import io.logwarden.access.AclPlanner;
import io.logwarden.audit.AdminAudit;
import io.logwarden.config.ConfigException;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.policy.Policy;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden acls}: the policy's access matrix as the cluster's ACLs. */
@Command(
    name = "acls",
    mixinStandardHelpOptions = true,
    header = "Compares the cluster's ACLs with the policy's access matrix, and makes them match.",
    description = "The policy's access section (roles, the pipeline, the provisioner, notify) becomes Kafka ACLs: each role "
        + "reads and writes its topic groups; the pipeline reads what its topologies consume, writes what they produce "
        + "and owns the consumer groups, transactional ids and internal topics named <application-id>-*; the "
        + "provisioner creates the policy's topics, alters their configs and the ACLs. Nothing else is granted.",
    subcommands = {AclsCommand.Plan.class, AclsCommand.Apply.class})
final class AclsCommand {

  /** Exit code of {@code plan --check} when the cluster's ACLs differ from the matrix. */
  static final int DRIFT = 1;

  /** The options both subcommands share. */
  static final class Target {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    RegistryOption registryOption;

    @Option(names = "--application-id", defaultValue = LogwardenConfig.DEFAULT_APPLICATION_ID, paramLabel = "ID",
        description = "The deployment's application_id: the pipeline's groups, transactional ids and internal topics "
            + "begin with it and '-' (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--prune",
        description = "Also plan (apply: delete) the ALLOW ACLs on the policy's topics, groups and transactional ids "
            + "of principals that are neither the policy's nor in access.external_principals. Only entries wholly "
            + "inside the policy's names are pruned: a '*' or a prefix that reaches other systems' resources too is "
            + "listed for review, never deleted; DENY entries stay.")
    boolean prune;

    Policy policy;

    AccessMatrix matrix() {
      policy = policyOption.load();
      if (!policy.access().declared()) {
        throw new ConfigException("the policy has no access section: there is no access matrix to turn into ACLs");
      }
      return new AccessMatrix(policy, policyOption.rules(policy), applicationId);
    }
  }

  /** {@code logwarden acls plan}. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      header = "Prints the difference between the access matrix and the cluster's ACLs.",
      description = "One line per difference: '+ grant' an ACL the matrix holds and the cluster lacks, '- revoke' an "
          + "ACL of a policy principal the matrix does not hold (least privilege), '! foreign' an ACL that lets a "
          + "principal the policy does not name use a policy topic or group (apply leaves it; with --prune it is "
          + "'- prune' and apply deletes it), '! review' such an ACL that also reaches other systems' resources (a "
          + "'*' or a broader prefix: never deleted). Then '= keep' lines: external principals' ACLs and DENY "
          + "entries, which stay and are no difference. Changes nothing. The principal needs DESCRIBE on the cluster.",
      footer = {"", "Examples:", "  ./logwarden acls plan --bootstrap-server kafka:9093 --command-config admin.properties",
          "  ./logwarden acls plan --bootstrap-server kafka:9093 --command-config admin.properties --check",
          "  ./logwarden acls plan --bootstrap-server kafka:9093 --command-config admin.properties --prune"})
  static final class Plan implements Callable<Integer> {

    @Mixin
    Target target;

    @Option(names = "--check", description = "Exit with " + DRIFT + " when there is any difference (for CI or a scheduled "
        + "job). A foreign ACL is a difference with or without --prune; a '= keep' line is none.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AccessMatrix matrix = target.matrix();
      try (Admin admin = Admin.create(target.cluster.connectedClientProperties())) {
        AclPlan plan = new AclPlanner(admin).plan(matrix, target.prune);
        if (!plan.enforced()) {
          out.println("! " + AclPlanner.UNENFORCED + ".");
          return check ? DRIFT : 0;
        }
        plan.changes().forEach(change -> out.println(change.describe()));
        String kept = plan.kept().isEmpty() ? "" : "; " + plan.kept().size() + " kept";
        out.println(plan.clean() ? "The cluster's ACLs match the policy's access matrix ("
            + matrix.grants().size() + " grants" + kept + ")."
            : plan.differences().size() + " difference(s) from the access matrix" + kept.replace(';', ',') + ".");
        return check && !plan.clean() ? DRIFT : 0;
      }
    }
  }

  /** {@code logwarden acls apply}. */
  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      header = "Grants the access matrix's ACLs and revokes the policy principals' other ACLs.",
      description = "Creates the matrix's missing ACLs and deletes ACLs of the policy's principals that the matrix does "
          + "not hold; prints each change and the foreign ACLs it left. Without --prune it never touches a principal "
          + "the policy does not name; with --prune it also deletes their ALLOW ACLs inside the policy's topics and "
          + "groups, except the external principals' (see acls plan). Each change is also published to the "
          + "security-events topic as a configuration-change event. The principal needs ALTER and DESCRIBE on the "
          + "cluster and WRITE on security events: the provisioner after the first run, which a cluster super user "
          + "makes.",
      footer = {"", "Examples:", "  ./logwarden acls apply --bootstrap-server kafka:9093 --command-config provisioner.properties",
          "  ./logwarden acls apply --bootstrap-server kafka:9093 --command-config provisioner.properties --prune"})
  static final class Apply implements Callable<Integer> {

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AccessMatrix matrix = target.matrix();
      try (Admin admin = Admin.create(target.cluster.connectedClientProperties())) {
        AclPlanner planner = new AclPlanner(admin);
        AclPlan plan = planner.plan(matrix, target.prune);
        List<Change> done = planner.apply(plan);
        done.forEach(change -> out.println(change.describe()));
        // The pipeline audits itself: its own ACL changes reach detection as configuration changes.
        AdminAudit.publish(target.cluster.clientProperties(), target.policy.topics().securityEvents().name(),
            target.registryOption.topics(target.policy).securityEvents().valueSerde().serializer(),
            AdminAudit.events("acls apply", done, Instant.now()));
        List<Change> left = new ArrayList<>(plan.of(AclPlan.Kind.FOREIGN));
        left.addAll(plan.of(AclPlan.Kind.BROAD));
        if (!left.isEmpty()) {
          out.println("Left to an operator:");
          left.forEach(change -> out.println(change.describe()));
        }
        if (!plan.kept().isEmpty()) {
          out.println("Kept:");
          plan.kept().forEach(change -> out.println(change.describe()));
        }
        out.println(done.size() + " change(s) made" + (left.isEmpty() ? "." : ", " + left.size() + " left."));
        return 0;
      }
    }
  }
}
