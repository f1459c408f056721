package io.logwarden.it;

import io.logwarden.it.ReliabilityWorkload.Raw;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the reliability tests and the soak share: raw topics, the config file, a paced producer. */
public final class ReliabilityHarness {

  /** Every instance's session timeout: how long the group waits for a killed member before reassigning its tasks. */
  public static final int SESSION_TIMEOUT_MS = 10_000;

  private ReliabilityHarness() {}

  /** The two raw topics, on the broker's clock, with {@code partitions} partitions each. */
  public static void createRawTopics(Map<String, Object> client, int partitions) throws Exception {
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(ReliabilityWorkload.APP_TOPIC, ReliabilityWorkload.AUTH_TOPIC).stream()
          .map(name -> new NewTopic(name, partitions, (short) 1)
              .configs(Map.of("message.timestamp.type", "LogAppendTime")))
          .toList()).all().get();
    }
  }

  /**
   * Writes a pseudonym key and a {@code run} config file (exactly-once v2, any free HTTP port) into
   * {@code dir}, and returns the config file.
   */
  public static Path writeConfig(Path dir, String name, String bootstrapServers, String applicationId, Path stateDir,
      String keyHex) throws Exception {
    return writeConfig(dir, name, bootstrapServers, applicationId, stateDir, keyHex, Map.of());
  }

  /** The same, with more Kafka client properties (a {@code client.id} that names the instance). */
  public static Path writeConfig(Path dir, String name, String bootstrapServers, String applicationId, Path stateDir,
      String keyHex, Map<String, String> kafka) throws Exception {
    Files.createDirectories(dir);
    StringBuilder more = new StringBuilder();
    kafka.forEach((key, value) -> more.append("  ").append(key).append(": ").append(value).append('\n'));
    Files.writeString(dir.resolve("pseudonym.key"), keyHex + "\n");
    writePolicyWithRules(dir);
    return Files.writeString(dir.resolve(name), "policy: policy.yaml\n"
        + "kafka:\n"
        + "  bootstrap.servers: " + bootstrapServers + "\n"
        // A killed member holds its tasks until its session expires (Kafka's default is 45 s).
        + "  session.timeout.ms: " + SESSION_TIMEOUT_MS + "\n"
        + "  heartbeat.interval.ms: 2000\n"
        + more
        + "application_id: " + applicationId + "\n"
        + "state_dir: " + stateDir + "\n"
        + "processing_guarantee: exactly_once_v2\n"
        + "pseudonym_key_file: pseudonym.key\n"
        + "http_port: 0\n");
  }

  /** The update interval the reliability tests run the shipped rules with (shipped: 30 s). */
  public static final String UPDATE_INTERVAL = "5s";

  /**
   * The shipped policy, and the shipped rules beside it with {@link #UPDATE_INTERVAL}: the attacks'
   * failures are 3 s apart, so every other update is owed and goes out within seconds rather than
   * after the shipped 30 s, which keeps the rounds of these tests short while still coalescing.
   */
  private static void writePolicyWithRules(Path dir) throws Exception {
    try (var policy = ReliabilityHarness.class.getResourceAsStream("/policy/policy.yaml");
        var rules = ReliabilityHarness.class.getResourceAsStream("/policy/rules.yaml")) {
      Files.write(dir.resolve("policy.yaml"), policy.readAllBytes());
      String shipped = new String(rules.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String faster = shipped.replace("  update_interval: 30s\n", "  update_interval: " + UPDATE_INTERVAL + "\n");
      if (faster.equals(shipped)) {
        throw new IllegalStateException("the shipped rules no longer set update_interval: 30s under defaults");
      }
      Files.writeString(dir.resolve("rules.yaml"), faster);
    }
  }

  public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
    Map<String, Object> props = new java.util.HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Produces the records in the background after {@code before} completes (pass a completed future
   * to start now), so that a test can release the stream in phases around the faults it injects.
   */
  public static java.util.concurrent.CompletableFuture<Void> produceAfter(java.util.concurrent.CompletableFuture<Void> before,
      KafkaProducer<byte[], byte[]> producer, List<Raw> records, int perSecond, AtomicLong sent) {
    return before.thenRunAsync(() -> {
      try {
        produce(producer, records, perSecond, sent);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Sends the records in order at about {@code perSecond} records a second, counting them in
   * {@code sent} as the broker acknowledges them; fails on the first send that fails.
   */
  public static void produce(KafkaProducer<byte[], byte[]> producer, List<Raw> records, int perSecond, AtomicLong sent)
      throws Exception {
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    int batch = Math.max(1, perSecond / 20);
    for (int i = 0; i < records.size(); i++) {
      Raw raw = records.get(i);
      producer.send(new ProducerRecord<>(raw.topic(),
          raw.key() == null ? null : raw.key().getBytes(StandardCharsets.UTF_8),
          raw.value().getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
            if (error == null) {
              sent.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          });
      if (i % batch == batch - 1) {
        long due = start + (long) ((i + 1) * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          // Pacing the load, not timing a result.
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    }
    producer.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " of " + records.size() + " records were not acknowledged");
    }
  }
}
