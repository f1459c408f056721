package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Over random and mutated inputs, nothing escapes the normalize topology and nothing is lost: every
 * input record yields events in the stores or exactly one dead letter, never both, never neither.
 */
class NormalizeAccountingProperties {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final String RAW = "logs.raw.fuzz";
  private static final List<String> SEEDS = List.of(
      "{\"@timestamp\":\"2026-11-27T08:14:03.120Z\",\"level\":\"WARN\",\"message\":\"Payment provider slow\",\"service\":\"orders\"}",
      "{\"timestamp\":1795853643120,\"level\":\"error\",\"msg\":\"boom\",\"stack_trace\":\"java.io.IOException: x\\n\\tat A.b(A.java:1)\"}",
      "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"Sign-in failed\",\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},\"user\":{\"name\":\"admin\"},\"source\":{\"ip\":\"203.0.113.45\"}}",
      "<38>Nov 27 08:14:01 bastion-1 sshd[20817]: Failed password for invalid user admin from 192.0.2.77 port 52114 ssh2",
      "<165>1 2026-11-27T08:14:12.003Z web-3 nginx 2211 ID47 [exampleSDID@32473 iut=\"3\"] GET /healthz 200",
      "ts=2026-11-27T08:14:03Z level=info msg=\"user logged in\" user=alice duration=12ms",
      "192.0.2.10 - frank [27/Nov/2026:08:14:03 +0000] \"POST /login HTTP/1.1\" 401 512",
      "I1127 08:14:03.120000   12345 controller.go:117] Reconciling object",
      "{\"resourceLogs\":[{\"resource\":{\"attributes\":[]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1795853643120000000\",\"body\":{\"stringValue\":\"hi\"}}]}]}]}",
      "{\"Records\":[{\"eventTime\":\"2026-11-27T08:14:03Z\",\"eventName\":\"ConsoleLogin\",\"eventSource\":\"signin.amazonaws.com\"}]}",
      "just a line of text");

  private Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> raw;
  private final List<TestOutputTopic<String, LogEvent>> stores = new ArrayList<>();
  private TestOutputTopic<String, DeadLetter> dlq;

  @BeforeProperty
  void start() throws Exception {
    stateDir = Files.createTempDirectory("logwarden-props-");
    Properties props = StreamsProperties.of(LogwardenConfig.local("unused:9092", stateDir), TopologyKind.NORMALIZE,
        POLICY, new SimpleMeterRegistry());
    props.put("processing.guarantee", LogwardenConfig.AT_LEAST_ONCE);
    driver = new TopologyTestDriver(Topologies.build(TopologyKind.NORMALIZE, POLICY,
        RawSubscription.topics(List.of(RAW)), props), props);
    raw = driver.createInputTopic(RAW, new ByteArraySerializer(), new ByteArraySerializer());
    for (var store : POLICY.stores().values()) {
      stores.add(driver.createOutputTopic(store.topic(), new StringDeserializer(), LogwardenSerdes.logEvent().deserializer()));
    }
    dlq = driver.createOutputTopic(POLICY.topics().deadLetter().name(), new StringDeserializer(),
        LogwardenSerdes.deadLetter().deserializer());
  }

  @AfterProperty
  void stop() {
    driver.close();
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }

  @Property(tries = 300)
  void everyRecordEndsInTheStoresOrTheDeadLetterTopic(@ForAll("records") List<byte[]> records) {
    for (byte[] record : records) {
      raw.pipeInput(new TestRecord<>(null, record, Instant.parse("2026-11-27T08:20:00Z")));
    }
    Map<Long, Integer> events = new HashMap<>();
    for (TestOutputTopic<String, LogEvent> store : stores) {
      for (LogEvent event : store.readValuesToList()) {
        events.merge(event.getOrigin().getOffset(), 1, Integer::sum);
      }
    }
    Map<Long, Integer> letters = new HashMap<>();
    for (DeadLetter letter : dlq.readValuesToList()) {
      letters.merge(letter.getOrigin().getOffset(), 1, Integer::sum);
    }
    Set<Long> offsets = new HashSet<>(events.keySet());
    offsets.addAll(letters.keySet());
    // The driver lives for the whole property, so offsets go on from one try to the next.
    long lowest = offsets.stream().mapToLong(Long::longValue).min().orElse(0);
    long last = offsets.stream().mapToLong(Long::longValue).max().orElse(-1);
    assertThat(offsets).as("every input offset is accounted for").hasSize(records.size());
    assertThat(last - lowest + 1).isEqualTo(records.size());
    for (long offset : offsets) {
      boolean stored = events.containsKey(offset);
      boolean dead = letters.containsKey(offset);
      assertThat(stored ^ dead).as("offset %d is in the stores xor the DLQ", offset).isTrue();
      if (dead) {
        assertThat(letters.get(offset)).isEqualTo(1);
      }
    }
  }

  @Provide
  Arbitrary<List<byte[]>> records() {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    Arbitrary<byte[]> randomText = Arbitraries.strings().all().ofMaxLength(400)
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated = Arbitraries.of(SEEDS).flatMap(seed ->
        Arbitraries.integers().between(0, seed.length()).flatMap(at ->
            Arbitraries.oneOf(
                Arbitraries.just(seed.substring(0, at)),
                Arbitraries.strings().all().ofMaxLength(8).map(insert -> seed.substring(0, at) + insert + seed.substring(at)),
                Arbitraries.strings().withChars("{}[]\":,\\\u0000\n").ofMaxLength(4)
                    .map(insert -> seed.substring(0, at) + insert + seed.substring(Math.min(seed.length(), at + 3))))))
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> seeds = Arbitraries.of(SEEDS).map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, mutated), net.jqwik.api.Tuple.of(2, seeds),
            net.jqwik.api.Tuple.of(1, randomBytes), net.jqwik.api.Tuple.of(1, randomText))
        .list().ofMinSize(1).ofMaxSize(20);
  }
}
