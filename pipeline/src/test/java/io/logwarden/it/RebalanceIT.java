package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cli.RunCommand;
import io.logwarden.it.ReliabilityWorkload.Attack;
import io.logwarden.it.ReliabilityWorkload.ExpectedAlert;
import io.logwarden.it.ReliabilityWorkload.Raw;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two instances of {@code logwarden run} (both topologies, exactly-once v2, each its own state
 * directory) share 4-partition raw topics. Each attack's failed sign-ins come in three rounds: 5
 * while both run, 5 after instance A stopped cleanly and left the groups (B alone: the alerts open at the 8th failure, so
 * the first 5 must come from the state A's tasks had, restored by B from the changelogs), and the
 * last 2 failures and the success after A came back. No event is lost or stored twice, and each
 * alert has one id and each of its states once.
 */
class RebalanceIT {

  private static final String APP = "lw-rebalance";
  private static final String RUN = "rebalance";
  private static final int ATTACKS = 16;
  private static final int APP_LINES_PER_ROUND = 6_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  private record Instance(CommandLine cli, CompletableFuture<Integer> exit) {
    static Instance start(Path config) {
      CommandLine cli = LogwardenCommand.commandLine();
      return new Instance(cli, CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString())));
    }

    int stop() throws Exception {
      RunCommand.of(cli).stop();
      return exit.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void anInstanceLeavesAndComesBackWithoutLossDuplicatesOrForgottenDetectionState() throws Exception {
    String keyHex = "7e".repeat(32);
    Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.fromFile(Files.writeString(dir.resolve("key"), keyHex)));
    try (KafkaTestCluster cluster = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      ReliabilityHarness.createRawTopics(client, 4);
      Path configA = ReliabilityHarness.writeConfig(dir, "a.yaml", cluster.bootstrapServers(), APP,
          dir.resolve("state-a"), keyHex, Map.of("client.id", "instance-a"));
      Path configB = ReliabilityHarness.writeConfig(dir, "b.yaml", cluster.bootstrapServers(), APP,
          dir.resolve("state-b"), keyHex, Map.of("client.id", "instance-b"));

      Instance a = Instance.start(configA);
      Instance b = Instance.start(configB);
      Map<String, Set<String>> destinations = new LinkedHashMap<>();
      try (KafkaProducer<byte[], byte[]> producer = ReliabilityHarness.producer(client)) {
        await().atMost(TIMEOUT).until(() -> members(admin, APP + "-detect") == 2 && members(admin, APP + "-normalize") == 2);

        // Round 1, both instances: 5 failures per attack, no alert yet.
        produceRound(producer, destinations, 0, 0, 5);
        awaitProcessed(admin, client, destinations, ReliabilityWorkload.alertsAfter(RUN, 0, ATTACKS, pseudonyms, 5));
        Set<Integer> partitionsOfA = partitionsOf(admin, APP + "-detect", "instance-a", bruteForceSourceRepartition());
        List<String> keysOnA = new ArrayList<>();
        int partitions = admin.describeTopics(List.of(bruteForceSourceRepartition())).allTopicNames().get()
            .get(bruteForceSourceRepartition()).partitions().size();
        for (int i = 0; i < ATTACKS; i++) {
          String key = pseudonyms.pseudonym(new Attack(RUN, i).address());
          if (partitionsOfA.contains(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions)) {
            keysOnA.add(key);
          }
        }
        assertThat(keysOnA).as("attacks whose brute-force state instance A holds before it stops").isNotEmpty();

        // Round 2, B alone: failures 6 to 10; the by-source alerts open at the 8th.
        assertThat(a.stop()).isZero();
        long stoppedAt = System.nanoTime();
        // A clean stop leaves both groups at once, so B need not wait for A's session to expire.
        await().atMost(Duration.ofMillis(ReliabilityHarness.SESSION_TIMEOUT_MS / 2)).until(() ->
            !hasMember(admin, APP + "-normalize", "instance-a") && !hasMember(admin, APP + "-detect", "instance-a"));
        produceRound(producer, destinations, APP_LINES_PER_ROUND, 5, 10);
        awaitProcessed(admin, client, destinations, ReliabilityWorkload.alertsAfter(RUN, 0, ATTACKS, pseudonyms, 10));
        assertThat(members(admin, APP + "-detect")).as("B alone").isEqualTo(1);
        long handover = (System.nanoTime() - stoppedAt) / 1_000_000;

        // Round 3, A back: failures 11 and 12, then the successful sign-in.
        Instance back = Instance.start(configA);
        await().atMost(TIMEOUT).until(() -> members(admin, APP + "-detect") == 2 && members(admin, APP + "-normalize") == 2);
        produceRound(producer, destinations, 2L * APP_LINES_PER_ROUND, 10, Attack.LINES);
        OutputAudit audit = awaitProcessed(admin, client, destinations,
            ReliabilityWorkload.alerts(RUN, ATTACKS, pseudonyms));
        System.out.println("RebalanceIT: " + keysOnA.size() + " of " + ATTACKS + " attack sources on A before it stopped; "
            + "round 2 processed by B alone " + handover + " ms after A stopped\n"
            + audit.summary());
        assertThat(back.stop()).isZero();
        assertThat(b.stop()).isZero();
      }
    }
  }

  private void produceRound(KafkaProducer<byte[], byte[]> producer, Map<String, Set<String>> destinations,
      long firstApp, int fromStep, int toStep) throws Exception {
    List<Raw> records = ReliabilityWorkload.round(RUN, firstApp, APP_LINES_PER_ROUND, 0, ATTACKS, fromStep, toStep);
    destinations.putAll(ReliabilityWorkload.destinations(records));
    ReliabilityHarness.produce(producer, records, 10_000, new AtomicLong());
  }

  // Waits until both applications have consumed everything and the outputs hold all that is due, then
  // asserts that they hold exactly that.
  private static OutputAudit awaitProcessed(Admin admin, Map<String, Object> client, Map<String, Set<String>> destinations,
      List<ExpectedAlert> alerts) throws Exception {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() ->
          GroupLag.of(admin, List.of(APP + "-normalize", APP + "-detect")) == 0
              && OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60)).complete());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not complete within " + TIMEOUT + "; lag of the groups "
          + GroupLag.of(admin, List.of(APP + "-normalize", APP + "-detect")) + ":\n"
          + OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60)).summary(), e);
    }
    OutputAudit audit = OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60));
    assertThat(audit.exact()).as(audit.summary()).isTrue();
    return audit;
  }

  private static String bruteForceSourceRepartition() {
    return APP + "-detect-rule-auth.brute_force.source-by-key-repartition";
  }

  private static boolean hasMember(Admin admin, String group, String clientId) throws Exception {
    return membersOf(admin, group).stream().anyMatch(member -> member.clientId().startsWith(clientId));
  }

  private static int members(Admin admin, String group) throws Exception {
    return membersOf(admin, group).size();
  }

  // No members before the group exists (an instance still starting).
  private static java.util.Collection<MemberDescription> membersOf(Admin admin, String group) throws Exception {
    try {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }

  // The partitions of a topic that the members whose client id starts with `clientId` are assigned.
  private static Set<Integer> partitionsOf(Admin admin, String group, String clientId, String topic) throws Exception {
    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    Set<Integer> partitions = new HashSet<>();
    for (MemberDescription member : description.members()) {
      if (member.clientId().startsWith(clientId)) {
        for (TopicPartition partition : member.assignment().topicPartitions()) {
          if (partition.topic().equals(topic)) {
            partitions.add(partition.partition());
          }
        }
      }
    }
    return partitions;
  }
}
