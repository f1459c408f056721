package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import java.time.Duration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code topics plan} and {@code topics apply} on a real broker: a cluster provisioned as {@code run}
 * and the demo provision it is clean; drift made by hand is found by {@code plan --check} (exit 1)
 * and fixed by {@code apply}, which never deletes and leaves partition counts to an operator.
 */
class TopicsCommandIT {

  /** The exit code of {@code plan --check} when the cluster differs from the policy (docs/cli.md). */
  private static final int DRIFT = 1;

  @RegisterExtension
  static final ClusterPerClass<KafkaTestCluster> KAFKA = ClusterPerClass.kafka();

  private record Run(int exitCode, String output) {}

  private Run run(String... args) {
    CommandLine cli = LogwardenCommand.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    cli.setOut(new java.io.PrintWriter(out, true));
    int code = cli.execute(args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void provisionedClusterIsCleanAndHandMadeDriftIsFoundAndFixed() throws Exception {
    String bootstrap = KAFKA.get().bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      var policy = PolicyLoader.loadDefault();
      TopicProvisioner provisioner = new TopicProvisioner(admin, policy.topics().partitions(),
          policy.topics().replicationFactor(), new SimpleMeterRegistry());
      provisioner.provision(policy.outputTopics());
      provisioner.provisionRawTopics(List.of("logs.raw.auth"));

      Run clean = run("topics", "plan", "--bootstrap-server", bootstrap, "--check");
      assertThat(clean.exitCode()).as(clean.output()).isZero();
      assertThat(clean.output()).contains("The cluster's topics match the policy.");

      // Drift by hand: a shorter retention on the Sentry store, delete-only alerts, a raw topic on the
      // producer's clock, a store topic deleted, and a DLQ with one partition too few.
      Map<ConfigResource, Collection<AlterConfigOp>> edits = Map.of(
          new ConfigResource(ConfigResource.Type.TOPIC, "store.sentry"),
          List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET)),
          new ConfigResource(ConfigResource.Type.TOPIC, "security.alerts"),
          List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET)),
          new ConfigResource(ConfigResource.Type.TOPIC, "logs.raw.auth"),
          List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.type", "CreateTime"), AlterConfigOp.OpType.SET)));
      admin.incrementalAlterConfigs(edits).all().get();
      admin.deleteTopics(List.of("store.posthog", "logs.dlq")).all().get();
      waitUntilGone(admin, "store.posthog", "logs.dlq");
      admin.createTopics(List.of(new NewTopic("logs.dlq", 2, (short) 1)
          .configs(Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(30L * 24 * 3600 * 1000)))))
          .all().get();

      Run drift = run("topics", "plan", "--bootstrap-server", bootstrap, "--check");
      assertThat(drift.exitCode()).as(drift.output()).isEqualTo(DRIFT);
      assertThat(drift.output()).contains(
          "+ create store.posthog (partitions=3, cleanup.policy=compact,delete, retention.ms=220752000000)",
          "~ alter  store.sentry retention.ms: 86400000 -> 7776000000",
          "~ alter  security.alerts cleanup.policy: delete -> compact,delete",
          "~ alter  logs.raw.auth message.timestamp.type: CreateTime -> LogAppendTime",
          "! manual logs.dlq partitions: 2, policy says 3",
          "5 difference(s) from the policy.");
      assertThat(run("topics", "plan", "--bootstrap-server", bootstrap).exitCode())
          .as("without --check, plan only reports").isZero();

      Run apply = run("topics", "apply", "--bootstrap-server", bootstrap);
      assertThat(apply.exitCode()).as(apply.output()).isZero();
      assertThat(apply.output()).contains("4 change(s) made, 1 left.", "Left to an operator:",
          "! manual logs.dlq partitions: 2, policy says 3");

      Run after = run("topics", "plan", "--bootstrap-server", bootstrap, "--check");
      assertThat(after.exitCode()).isEqualTo(DRIFT);
      assertThat(after.output()).contains("1 difference(s) from the policy.", "! manual logs.dlq partitions");
      assertThat(admin.listTopics().names().get()).contains("store.posthog", "logs.dlq", "logs.raw.auth");

      // The pipeline audits itself: each change made is a configuration-change event for detection.
      try (TopicReader reader = new TopicReader(Map.of("bootstrap.servers", bootstrap))) {
        List<LogEvent> audit = reader.readAll("security.events", Duration.ofSeconds(5)).stream()
            .map(r -> LogwardenSerdes.logEvent().deserializer().deserialize("security.events", r.value())).toList();
        assertThat(audit).extracting(LogEvent::getAction).containsOnly("config_change");
        assertThat(audit).extracting(e -> e.getTarget().getName()).containsExactlyInAnyOrder(
            "store.posthog", "store.sentry", "security.alerts", "logs.raw.auth");
        assertThat(audit).allSatisfy(e -> assertThat(e.getActor().getService()).isEqualTo("logwarden"));
      }
    }
  }

  @Test
  void aPolicyEditIsPlannedAgainstTheClusterAsTheEditSays(@TempDir Path dir) throws Exception {
    try (KafkaTestCluster fresh = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", fresh.bootstrapServers()))) {
      var policy = PolicyLoader.loadDefault();
      new TopicProvisioner(admin, policy.topics().partitions(), policy.topics().replicationFactor(),
          new SimpleMeterRegistry()).provision(policy.outputTopics());
      // The edit: Sentry keeps errors for 180 days, the DLQ is compacted too, and a Wazuh store is added.
      String shipped;
      try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
        shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String edited = shipped
          .replace("    data: [error events]\n    retention: 90d\n", "    data: [error events]\n    retention: 180d\n")
          .replace("    name: logs.dlq\n    cleanup_policy: delete\n", "    name: logs.dlq\n    cleanup_policy: compact,delete\n")
          .replace("    under_review: true\n", "    under_review: true\n  wazuh:\n    name: Wazuh\n    data: [security events]\n"
              + "    retention: 1y\n    topic: store.wazuh\n");
      assertThat(edited).isNotEqualTo(shipped).contains("retention: 180d", "store.wazuh");
      Path file = Files.writeString(dir.resolve("policy.yaml"), edited);

      Run plan = run("topics", "plan", "--bootstrap-server", fresh.bootstrapServers(), "--policy", file.toString(),
          "--check");
      assertThat(plan.exitCode()).as(plan.output()).isEqualTo(DRIFT);
      assertThat(plan.output().lines().filter(line -> !line.isBlank()).toList()).containsExactlyInAnyOrder(
          "+ create store.wazuh (partitions=3, cleanup.policy=compact,delete, retention.ms=31536000000)",
          "~ alter  store.sentry retention.ms: 7776000000 -> 15552000000",
          "~ alter  logs.dlq cleanup.policy: delete -> compact,delete",
          "3 difference(s) from the policy.");
      assertThat(run("topics", "plan", "--bootstrap-server", fresh.bootstrapServers(), "--check").exitCode())
          .as("the shipped policy still matches").isZero();
    }
  }

  @Test
  void runWithNoCreateTopicsNamesTheMissingTopicsAndCreatesNone(@TempDir Path dir) throws Exception {
    try (KafkaTestCluster empty = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", empty.bootstrapServers()))) {
      var policy = PolicyLoader.loadDefault();
      new TopicProvisioner(admin, 3, (short) -1, new SimpleMeterRegistry()).provision(
          policy.outputTopics().stream().filter(spec -> !spec.name().equals("security.alerts")
              && !spec.name().equals("store.langfuse")).toList());
      Files.writeString(dir.resolve("pseudonym.key"), "ab".repeat(32) + "\n");
      Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
          + empty.bootstrapServers() + "\napplication_id: lw-nocreate\nstate_dir: " + dir.resolve("state")
          + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\n");
      CommandLine cli = LogwardenCommand.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err));
      int code = cli.execute("run", "--config", config.toString(), "--no-create-topics");

      assertThat(code).isEqualTo(3);
      assertThat(err.toString()).contains("missing topic(s) store.langfuse, security.alerts",
          "logwarden topics apply");
      assertThat(admin.listTopics().names().get()).doesNotContain("store.langfuse", "security.alerts");
    }
  }

  private static void waitUntilGone(Admin admin, String... topics) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (admin.listTopics().names().get().stream().noneMatch(List.of(topics)::contains)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("topics not deleted: " + List.of(topics));
  }
}
