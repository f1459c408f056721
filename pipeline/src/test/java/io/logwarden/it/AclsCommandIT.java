package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logwarden.access.AccessMatrix;
import io.logwarden.cli.DeadLetterReplayer;
import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cluster.ProvisioningException;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.notify.DeliveryPolicy;
import io.logwarden.notify.Destination;
import io.logwarden.notify.NotifySettings;
import io.logwarden.notify.RecordingServer;
import io.logwarden.notify.Route;
import io.logwarden.notify.Secret;
import io.logwarden.notify.TestAlerts;
import io.logwarden.notify.Trigger;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The access matrix on a real broker that authenticates with SASL/PLAIN and enforces ACLs with the
 * KRaft {@code StandardAuthorizer}: after {@code acls apply}, each principal can do exactly what the
 * matrix allows and is denied the rest; the pipeline runs its topologies with exactly-once as its own
 * principal; ACLs beyond the matrix are found and revoked, foreign ones reported, and with
 * {@code --prune} deleted (but never an external principal's, a DENY, or a pattern reaching beyond the
 * policy's names); every ACL change is audited on security events; {@code dlq replay} works as the
 * replayer role's principal and as nobody else; and {@code run}'s principal, which may not create
 * topics, says which are missing.
 */
class AclsCommandIT {

  /** The exit code of {@code plan --check} when the cluster differs from the policy (docs/cli.md). */
  private static final int DRIFT = 1;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String RAW = "logs.raw.app";
  private static final String ADMIN = SecureKafkaTestCluster.ADMIN;
  private static final String LOGADMIN = "logadmin";
  private static final String ANALYST = "analyst";
  private static final String PRODUCER = "log-producer";
  private static final String PIPELINE = "logwarden";
  private static final String PROVISIONER = "logwarden-provisioner";
  private static final String NOTIFY = "logwarden-notify";
  private static final String EXPORTER = "log-exporter";
  private static final String REPLAYER = "logadmin-replay";
  /** Not in the policy: its ACLs on the policy's topics are foreign. */
  private static final String STRANGER = "bob";
  /** Listed in the edited policy's access.external_principals. */
  private static final String EXTERNAL = "siem-forwarder";
  private static final Policy POLICY = PolicyLoader.loadDefault();

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA =
      new ClusterPerClass<>(() -> SecureKafkaTestCluster.start(STRANGER, EXTERNAL));

  @TempDir
  static Path configs;

  @TempDir
  Path stateDir;

  private record Run(int exitCode, String output) {}

  private Run run(String user, String... args) throws Exception {
    CommandLine cli = LogwardenCommand.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    cli.setErr(new java.io.PrintWriter(out, true));
    cli.setOut(new java.io.PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-server", KAFKA.get().bootstrapServers(),
        "--command-config", KAFKA.get().writeClientConfig(user, configs).toString()));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void eachPrincipalCanDoExactlyWhatTheMatrixAllows() throws Exception {
    // First run, as a cluster super user: the topics, then the ACLs (whose changes are audited on
    // security events, which must exist by then).
    Run topics = run(ADMIN, "topics", "apply");
    assertThat(topics.exitCode()).as(topics.output()).isZero();
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      admin.createTopics(List.of(new NewTopic(RAW, 2, (short) 1)
          .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
    }
    // Without its ACLs the replayer may not even read the DLQ, and replay says which grant it lacks.
    Run deniedReplay = run(REPLAYER, "dlq", "replay");
    assertThat(deniedReplay.exitCode()).as(deniedReplay.output()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(deniedReplay.output()).contains("logwarden: dlq replay: this principal may not read logs.dlq; replay "
        + "needs READ on topic logs.dlq and WRITE on the topics prefixed logs.raw.");
    int grants = new AccessMatrix(POLICY, RulesLoader.loadDefault(POLICY), "logwarden").grants().size();
    Run before = run(ADMIN, "acls", "plan", "--check");
    assertThat(before.exitCode()).as(before.output()).isEqualTo(DRIFT);
    assertThat(before.output()).contains("+ grant   User:analyst READ topic security.alerts (analyst)",
        grants + " difference(s) from the access matrix.");
    Run apply = run(ADMIN, "acls", "apply");
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains(grants + " change(s) made.");

    // From now on the provisioner keeps topics and ACLs: it sees both clean.
    // (The broker's authorizer takes the new ACLs from the metadata log a moment after the controller.)
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(run(PROVISIONER, "acls", "plan", "--check").exitCode()).isZero());
    Run aclsClean = run(PROVISIONER, "acls", "plan", "--check");
    assertThat(aclsClean.output()).contains("The cluster's ACLs match the policy's access matrix (" + grants + " grants).");
    Run topicsClean = run(PROVISIONER, "topics", "plan", "--check");
    assertThat(topicsClean.exitCode()).as(topicsClean.output()).isZero();

    List<String> policyTopics = new ArrayList<>(List.of(RAW));
    POLICY.outputTopics().forEach(spec -> policyTopics.add(spec.name()));

    // Analysts read alerts only, with their own consumer groups.
    await().atMost(TIMEOUT).until(() -> canRead(ANALYST, "security.alerts"));
    assertThat(consumeWithGroup(ANALYST, "security.alerts", "analyst-triage")).isNull();
    assertThat(consumeWithGroup(ANALYST, "security.alerts", "triage")).isInstanceOf(GroupAuthorizationException.class);
    for (String topic : policyTopics) {
      if (!topic.equals("security.alerts")) {
        assertThat(canRead(ANALYST, topic)).as("analyst reads " + topic).isFalse();
      }
      assertThat(canWrite(ANALYST, topic)).as("analyst writes " + topic).isFalse();
    }

    // Producers write raw topics only, and read nothing.
    assertThat(canWrite(PRODUCER, RAW)).isTrue();
    for (String topic : policyTopics) {
      assertThat(canRead(PRODUCER, topic)).as("producer reads " + topic).isFalse();
      if (!topic.equals(RAW)) {
        assertThat(canWrite(PRODUCER, topic)).as("producer writes " + topic).isFalse();
      }
    }

    // LogAdmin reads the stores and the dead letters, and changes nothing.
    for (String topic : policyTopics) {
      boolean store = topic.startsWith("store.") || topic.equals("logs.dlq");
      assertThat(canRead(LOGADMIN, topic)).as("LogAdmin reads " + topic).isEqualTo(store);
      assertThat(canWrite(LOGADMIN, topic)).as("LogAdmin writes " + topic).isFalse();
    }
    assertThat(consumeWithGroup(LOGADMIN, "store.posthog", "logadmin-review")).isNull();

    // Store exporters (Vector, Kafka Connect) read the store topics only, in their own groups.
    for (String topic : policyTopics) {
      assertThat(canRead(EXPORTER, topic)).as("exporter reads " + topic).isEqualTo(topic.startsWith("store."));
      assertThat(canWrite(EXPORTER, topic)).as("exporter writes " + topic).isFalse();
    }
    assertThat(consumeWithGroup(EXPORTER, "store.betterstack", "connect-betterstack-http-sink")).isNull();
    assertThat(consumeWithGroup(EXPORTER, "store.betterstack", "vector")).isInstanceOf(GroupAuthorizationException.class);

    // The pipeline reads only what it consumes: no rule reads the PostHog store.
    assertThat(canRead(PIPELINE, "store.posthog")).isFalse();
    assertThat(canRead(PIPELINE, "logs.dlq")).isFalse();

    pipelineRunsWithExactlyOnceAsItsOwnPrincipal();
    notifyRunsAsItsOwnPrincipalAndTouchesNothingElse(policyTopics);
    dlqReplayRunsAsTheReplayerAndNobodyElse(policyTopics);
    grantsBeyondTheMatrixAreRevokedAndForeignOnesReported();
    everyAclChangeIsAuditedOnSecurityEvents(grants + 1);
    foreignAclsArePrunedOnlyWithPruneAndAuditedExternalOnesAndDeniesKept();
    thePipelineMayNotCreateTopicsAndSaysWhichAreMissing();
  }

  private void pipelineRunsWithExactlyOnceAsItsOwnPrincipal() throws Exception {
    Map<String, String> kafka = new HashMap<>();
    KAFKA.get().clientProperties(PIPELINE).forEach((key, value) -> kafka.put(key, String.valueOf(value)));
    LogwardenConfig config = LogwardenConfig.local(KAFKA.get().bootstrapServers(), stateDir).withKafkaProperties(kafka);
    assertThat(config.processingGuarantee()).isEqualTo(LogwardenConfig.EXACTLY_ONCE_V2);
    // A 2 s update interval (shipped: 30 s), so that the alert's second record comes within seconds.
    try (PipelineRuntime runtime = new PipelineRuntime(config, POLICY,
        RulesLoader.loadDefault(POLICY).withUpdateInterval(Duration.ofSeconds(2)), new SimpleMeterRegistry())) {
      // The topics exist: nothing to create, and their configs can be checked.
      assertThat(runtime.provisionTopics().created()).isEmpty();
      runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
      assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();

      List<String> lines = new ArrayList<>(SignInLines.failedFrom("203.0.113.45", 9));
      lines.add("{\"@timestamp\":\"2026-11-27T08:15:01Z\",\"message\":\"cut off");
      produce(PRODUCER, RAW, lines);

      // What the pipeline made, read by those allowed to read it.
      try (TopicReader logAdmin = new TopicReader(KAFKA.get().clientProperties(LOGADMIN));
          TopicReader analyst = new TopicReader(KAFKA.get().clientProperties(ANALYST))) {
        await().atMost(TIMEOUT).until(() -> logAdmin.readAll("logs.dlq", TIMEOUT).size() == 1);
        await().atMost(TIMEOUT).until(() -> analyst.readAll("security.alerts", TIMEOUT).size() >= 2);
        List<Alert> alerts = analyst.readAll("security.alerts", TIMEOUT).stream()
            .map(r -> LogwardenSerdes.alert().deserializer().deserialize("security.alerts", r.value())).toList();
        assertThat(alerts).extracting(Alert::getRuleId).containsOnly("auth.brute_force.source");
        // The nine sign-ins and the write probe's line.
        await().atMost(TIMEOUT).until(() -> events(logAdmin, "store.betterstack").stream()
            .filter(e -> RAW.equals(e.getOrigin().getTopic())).count() == 10);
      }
      assertThat(runtime.anyFailed()).isFalse();
    }
  }

  // The notify workload reads the alerts in its own group, and parks what a destination refuses in the DLQ.
  private void notifyRunsAsItsOwnPrincipalAndTouchesNothingElse(List<String> policyTopics) throws Exception {
    for (String topic : policyTopics) {
      assertThat(canRead(NOTIFY, topic)).as("notify reads " + topic).isEqualTo(topic.equals("security.alerts"));
      if (!topic.equals("logs.dlq")) {
        assertThat(canWrite(NOTIFY, topic)).as("notify writes " + topic).isFalse();
      }
    }
    assertThat(consumeWithGroup(NOTIFY, "security.alerts", "analyst-triage")).isInstanceOf(GroupAuthorizationException.class);
    Map<String, String> kafka = new HashMap<>();
    KAFKA.get().clientProperties(NOTIFY).forEach((key, value) -> kafka.put(key, String.valueOf(value)));
    LogwardenConfig config = LogwardenConfig.local(KAFKA.get().bootstrapServers(), stateDir).withKafkaProperties(kafka);
    try (RecordingServer server = RecordingServer.start()
            .on("/refusing", (key, attempt) -> RecordingServer.Answer.status(400, "invalid_payload"));
        PipelineRuntime runtime = new PipelineRuntime(config, POLICY, new SimpleMeterRegistry())) {
      Map<String, Destination> destinations = new java.util.LinkedHashMap<>();
      for (String name : List.of("ok", "refusing")) {
        destinations.put(name, new Destination(name, java.util.EnumSet.of(Trigger.OPEN), DeliveryPolicy.defaults(null),
            new Destination.Webhook(Secret.of("test", server.url("/" + name)), Map.of(), Map.of())));
      }
      runtime.notifications(new NotifySettings(destinations, List.of(new Route("test", java.util.Set.of(),
          io.logwarden.schema.Severity.LOW, List.of("ok", "refusing")))));
      // Its two topics exist and their configs can be checked; the others it may not even see.
      assertThat(runtime.provisionTopics(List.of(POLICY.topics().alerts(), POLICY.topics().deadLetter())).created())
          .isEmpty();
      runtime.start(List.of(TopologyKind.NOTIFY));
      assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();
      // A new notify workload starts at the end of the alerts: send alerts until one reaches the webhook.
      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(KAFKA.get().clientProperties(PIPELINE),
          new org.apache.kafka.common.serialization.StringSerializer(),
          io.logwarden.topics.PipelineTopics.from(POLICY).alerts().valueSerde().serializer())) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
          Alert alert = TestAlerts.alert("acl-" + sent.incrementAndGet(), AlertStatus.OPEN, null);
          producer.send(new ProducerRecord<>("security.alerts", alert.getAlertId(), alert)).get();
          return !server.requests("/ok").isEmpty();
        });
      }
      // The refused notification is parked: the notify principal wrote the DLQ, which LogAdmin reads.
      try (TopicReader logAdmin = new TopicReader(KAFKA.get().clientProperties(LOGADMIN))) {
        await().atMost(TIMEOUT).until(() -> logAdmin.readAll("logs.dlq", TIMEOUT).stream().anyMatch(record -> {
          try {
            return "notification_failed".equals(io.logwarden.topics.PipelineTopics.from(POLICY).deadLetter()
                .valueSerde().deserializer().deserialize("logs.dlq", record.value()).getReason());
          } catch (RuntimeException notADeadLetter) {
            return false; // the write probe's record
          }
        }));
      }
      assertThat(runtime.anyFailed()).isFalse();
    }
  }

  private void grantsBeyondTheMatrixAreRevokedAndForeignOnesReported() throws Exception {
    AclBinding analystOnPosthog = topicRead("User:analyst", "store.posthog");
    AclBinding bobOnPosthog = topicRead("User:bob", "store.posthog");
    KAFKA.get().createAcls(List.of(analystOnPosthog, bobOnPosthog));
    await().atMost(TIMEOUT).until(() -> canRead(ANALYST, "store.posthog") && canRead(STRANGER, "store.posthog"));

    Run plan = run(PROVISIONER, "acls", "plan", "--check");
    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(DRIFT);
    assertThat(plan.output()).contains(
        "- revoke  User:analyst READ topic store.posthog (not in the policy's access matrix)",
        "! foreign User:bob READ topic store.posthog (principal not in the policy; apply deletes it only with --prune)",
        "2 difference(s) from the access matrix.");

    Run apply = run(PROVISIONER, "acls", "apply");
    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("- revoke  User:analyst READ topic store.posthog", "Left to an operator:",
        "! foreign User:bob READ topic store.posthog", "1 change(s) made, 1 left.");
    await().atMost(TIMEOUT).until(() -> !canRead(ANALYST, "store.posthog"));
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      assertThat(admin.describeAcls(bobOnPosthog.toFilter()).values().get()).containsExactly(bobOnPosthog);
    }
  }

  private void everyAclChangeIsAuditedOnSecurityEvents(int aclChanges) throws Exception {
    try (TopicReader reader = new TopicReader(KAFKA.get().clientProperties(ADMIN))) {
      List<LogEvent> audit = events(reader, "security.events").stream()
          .filter(e -> e.getTarget() != null && "kafka_acl".equals(e.getTarget().getKind())).toList();
      assertThat(audit).hasSize(aclChanges);
      assertThat(audit).allSatisfy(event -> {
        assertThat(event.getAction()).isEqualTo("config_change");
        assertThat(event.getActor().getProcess()).isEqualTo("acls apply");
      });
      assertThat(audit).filteredOn(e -> "revoke".equals(e.getAttributes().get("change.kind")))
          .singleElement().satisfies(event -> {
            assertThat(event.getAttributes()).containsEntry("change.principal", "User:analyst");
            assertThat(event.getTarget().getName()).isEqualTo("topic store.posthog");
          });
    }
  }

  // The replayer reads the DLQ (assigned partitions, no group) and writes the raw topics (idempotent,
  // no transactional id): that pair and nothing else. LogAdmin and the producer each hold half of it.
  private void dlqReplayRunsAsTheReplayerAndNobodyElse(List<String> policyTopics) throws Exception {
    Run logAdmin = run(LOGADMIN, "dlq", "replay");
    assertThat(logAdmin.exitCode()).as(logAdmin.output()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(logAdmin.output()).contains("dlq replay: this principal may not write " + RAW + ";");
    Run producer = run(PRODUCER, "dlq", "replay");
    assertThat(producer.exitCode()).as(producer.output()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(producer.output()).contains("dlq replay: this principal may not read logs.dlq;");

    Run replay = run(REPLAYER, "dlq", "replay");
    assertThat(replay.exitCode()).as(replay.output()).isZero();
    // The cut-off line is the one dead letter from a raw topic; the parked notifications are skipped.
    assertThat(replay.output()).startsWith("Sent 1 of ");
    try (TopicReader reader = new TopicReader(KAFKA.get().clientProperties(ADMIN))) {
      List<ConsumerRecord<byte[], byte[]>> replayed = reader.readAll(RAW, TIMEOUT).stream()
          .filter(record -> record.headers().lastHeader(DeadLetterReplayer.REPLAY_HEADER) != null).toList();
      assertThat(replayed).singleElement().satisfies(record -> assertThat(new String(record.value(),
          StandardCharsets.UTF_8)).isEqualTo("{\"@timestamp\":\"2026-11-27T08:15:01Z\",\"message\":\"cut off"));
    }
    for (String topic : policyTopics) {
      assertThat(canRead(REPLAYER, topic)).as("replayer reads " + topic).isEqualTo(topic.equals("logs.dlq"));
      if (!topic.equals(RAW)) {
        assertThat(canWrite(REPLAYER, topic)).as("replayer writes " + topic).isFalse();
      }
    }
    assertThat(consumeWithGroup(REPLAYER, "logs.dlq", "logadmin-replay")).isInstanceOf(GroupAuthorizationException.class);
  }

  // With a policy that lists an external principal: without --prune nothing foreign changes; with it,
  // the foreign ALLOWs inside the policy's names go (audited), and what reaches beyond them, the
  // external principal's and the DENY stay.
  private void foreignAclsArePrunedOnlyWithPruneAndAuditedExternalOnesAndDeniesKept() throws Exception {
    Path policy = configs.resolve("policy-with-external.yaml");
    String shipped = Files.readString(Path.of("src/main/resources/policy/policy.yaml"));
    assertThat(shipped).contains("  external_principals: []\n");
    Files.writeString(policy, shipped.replace("  external_principals: []\n",
        "  external_principals: [User:" + EXTERNAL + "]\n"));
    AclBinding bobOnPosthog = topicRead("User:bob", "store.posthog");
    AclBinding bobTransactions = new AclBinding(
        new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "logwarden-", PatternType.PREFIXED),
        new AccessControlEntry("User:bob", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    AclBinding externalOnAlerts = topicRead("User:" + EXTERNAL, "security.alerts");
    AclBinding bobDenied = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "logs.dlq", PatternType.LITERAL),
        new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.DENY));
    AclBinding carolOnEveryStore = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "store.", PatternType.PREFIXED),
        new AccessControlEntry("User:carol", "*", AclOperation.READ, AclPermissionType.ALLOW));
    KAFKA.get().createAcls(List.of(bobTransactions, externalOnAlerts, bobDenied, carolOnEveryStore));
    await().atMost(TIMEOUT).until(() -> canRead(EXTERNAL, "security.alerts"));
    String[] withPolicy = {"--policy", policy.toString()};

    Run plan = run(PROVISIONER, args(withPolicy, "acls", "plan", "--check"));
    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(DRIFT);
    assertThat(plan.output()).contains(
        "! foreign User:bob READ topic store.posthog (principal not in the policy; apply deletes it only with --prune)",
        "! foreign User:bob WRITE transactional id prefix logwarden-",
        "! review  User:carol READ topic prefix store. (principal not in the policy; reaches beyond the policy's "
            + "topics and groups, so apply never deletes it: review by hand)",
        "= keep    User:siem-forwarder READ topic security.alerts (an external principal of the policy)",
        "= keep    User:bob DENY READ topic logs.dlq (a DENY only takes away; never deleted)",
        "3 difference(s) from the access matrix, 2 kept.");
    Run unpruned = run(PROVISIONER, args(withPolicy, "acls", "apply"));
    assertThat(unpruned.exitCode()).as(unpruned.output()).isZero();
    assertThat(unpruned.output()).contains("0 change(s) made, 3 left.");

    Run prunePlan = run(PROVISIONER, args(withPolicy, "acls", "plan", "--prune", "--check"));
    assertThat(prunePlan.exitCode()).as(prunePlan.output()).isEqualTo(DRIFT);
    assertThat(prunePlan.output()).contains(
        "- prune   User:bob READ topic store.posthog (principal neither in the policy nor among its external principals)",
        "- prune   User:bob WRITE transactional id prefix logwarden-", "! review  User:carol READ topic prefix store.",
        "3 difference(s) from the access matrix, 2 kept.");

    Run prune = run(PROVISIONER, args(withPolicy, "acls", "apply", "--prune"));
    assertThat(prune.exitCode()).as(prune.output()).isZero();
    assertThat(prune.output()).contains("- prune   User:bob READ topic store.posthog",
        "- prune   User:bob WRITE transactional id prefix logwarden-", "Left to an operator:",
        "! review  User:carol READ topic prefix store.", "Kept:", "= keep    User:siem-forwarder READ topic security.alerts",
        "= keep    User:bob DENY READ topic logs.dlq", "2 change(s) made, 1 left.");
    await().atMost(TIMEOUT).until(() -> !canRead(STRANGER, "store.posthog"));
    assertThat(canRead(EXTERNAL, "security.alerts")).isTrue();
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      var left = admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
      assertThat(left).doesNotContain(bobOnPosthog, bobTransactions)
          .contains(externalOnAlerts, bobDenied, carolOnEveryStore);
    }

    // Each deletion is a configuration-change event on security events, like the other ACL changes.
    try (TopicReader reader = new TopicReader(KAFKA.get().clientProperties(ADMIN))) {
      List<LogEvent> pruned = events(reader, "security.events").stream()
          .filter(e -> e.getTarget() != null && "kafka_acl".equals(e.getTarget().getKind()))
          .filter(e -> "prune".equals(e.getAttributes().get("change.kind"))).toList();
      assertThat(pruned).hasSize(2).allSatisfy(event -> {
        assertThat(event.getAction()).isEqualTo("config_change");
        assertThat(event.getActor().getProcess()).isEqualTo("acls apply");
        assertThat(event.getAttributes()).containsEntry("change.principal", "User:bob")
            .containsEntry("change.permission", "ALLOW");
        assertThat(event.getMessage()).startsWith("- prune   User:bob ");
      });
      assertThat(pruned).extracting(e -> e.getTarget().getName())
          .containsExactlyInAnyOrder("topic store.posthog", "transactional id prefix logwarden-");
    }

    // What is kept by design is no difference: once an operator removed the broad grant, --check passes.
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      admin.deleteAcls(List.of(carolOnEveryStore.toFilter())).all().get();
    }
    await().atMost(TIMEOUT).untilAsserted(() -> {
      Run clean = run(PROVISIONER, args(withPolicy, "acls", "plan", "--prune", "--check"));
      assertThat(clean.exitCode()).as(clean.output()).isZero();
      assertThat(clean.output()).contains("The cluster's ACLs match the policy's access matrix (", " grants; 2 kept).");
    });
  }

  private static String[] args(String[] options, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(options));
    return all.toArray(String[]::new);
  }

  private void thePipelineMayNotCreateTopicsAndSaysWhichAreMissing() throws Exception {
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      admin.deleteTopics(List.of("logs.dlq")).all().get();
    }
    Map<String, String> kafka = new HashMap<>();
    KAFKA.get().clientProperties(PIPELINE).forEach((key, value) -> kafka.put(key, String.valueOf(value)));
    LogwardenConfig config = LogwardenConfig.local(KAFKA.get().bootstrapServers(), stateDir).withKafkaProperties(kafka);
    await().atMost(TIMEOUT).untilAsserted(() -> {
      try (PipelineRuntime runtime = new PipelineRuntime(config, POLICY, new SimpleMeterRegistry())) {
        assertThatThrownBy(runtime::provisionTopics).isInstanceOf(ProvisioningException.class)
            .hasMessage("missing topic(s) logs.dlq, and this principal may not create them: provision them with "
                + "`logwarden topics apply` as the provisioner principal");
      }
    });
    Run provision = run(PROVISIONER, "topics", "apply");
    assertThat(provision.exitCode()).as(provision.output()).isZero();
    assertThat(provision.output()).contains("+ create logs.dlq");
  }

  // ---- probes

  private static AclBinding topicRead(String principal, String topic) {
    return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
  }

  private static List<LogEvent> events(TopicReader reader, String topic) {
    List<LogEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : reader.readAll(topic, TIMEOUT)) {
      events.add(LogwardenSerdes.logEvent().deserializer().deserialize(topic, record.value()));
    }
    return events;
  }

  /** Whether the user may fetch from the topic (no consumer group: the topic's READ alone). */
  private static boolean canRead(String user, String topic) {
    Map<String, Object> props = new HashMap<>(KAFKA.get().clientProperties(user));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(300));
      }
      consumer.position(partition, Duration.ofSeconds(10));
      return true;
    } catch (TopicAuthorizationException denied) {
      return false;
    }
  }

  /** Subscribes with a consumer group and waits for an assignment: null when allowed, else the denial. */
  private static Exception consumeWithGroup(String user, String topic, String group) {
    Map<String, Object> props = new HashMap<>(KAFKA.get().clientProperties(user));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200));
      }
      assertThat(consumer.assignment()).as("assignment of " + group).isNotEmpty();
      return null;
    } catch (GroupAuthorizationException | TopicAuthorizationException denied) {
      return denied;
    }
  }

  /** Whether the user may write a record to the topic (without idempotence: the topic's WRITE alone). */
  private static boolean canWrite(String user, String topic) {
    Map<String, Object> props = new HashMap<>(KAFKA.get().clientProperties(user));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "probe".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
      return true;
    } catch (TopicAuthorizationException denied) {
      return false;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicAuthorizationException) {
        return false;
      }
      throw new AssertionError("write probe of " + topic + " as " + user + " failed otherwise", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("write probe of " + topic + " as " + user + " failed otherwise", e);
    }
  }

  private static void produce(String user, String topic, List<String> lines) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KAFKA.get().clientProperties(user), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String line : lines) {
        producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
            line.getBytes(StandardCharsets.UTF_8))).get();
      }
    }
  }
}
