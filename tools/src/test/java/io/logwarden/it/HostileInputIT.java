package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.RunCommand;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.tools.LogwardenTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * At least 100,000 hostile records (see {@link HostileRecords}; seed in {@code logwarden.hostile.seed},
 * count in {@code logwarden.hostile.records}) through {@code logwarden run} on a real broker. The
 * pipeline keeps running (both topologies RUNNING, no stream thread replaced), every produced record
 * is accounted for by its origin (topic, partition, offset) in the stores or security events, or in
 * exactly one dead letter, never both, and no piece of a planted secret reaches any topic the pipeline
 * writes (values, keys, headers; internal topics included) or its log.
 */
class HostileInputIT {

  private static final long DEFAULT_SEED = 20261128L;
  private static final int DEFAULT_RECORDS = 100_000;
  private static final String RAW = "logs.raw.hostile";
  private static final int PARTITIONS = 3;
  private static final String APPLICATION_ID = "lw-hostile";
  private static final String DLQ = "logs.dlq";
  private static final List<String> EVENT_TOPICS = List.of(
      "store.betterstack", "store.sentry", "store.posthog", "store.langfuse", "security.events");
  // Generous: on a machine that shares its cores with other builds the pipeline gets a fraction of them.
  private static final Duration TIMEOUT = Duration.ofMinutes(Long.getLong("logwarden.hostile.timeout.minutes", 20));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  /** Where each produced record went. */
  private static final class Fate {
    int events;
    int deadLetters;
    String reason;
    boolean payloadTruncated;
    long payloadSize;
    final Set<String> flags = new HashSet<>();
  }

  @Test
  void hostileRecordsNeitherStopThePipelineNorGetLostNorLeakSecrets() throws Exception {
    long seed = Long.getLong("logwarden.hostile.seed", DEFAULT_SEED);
    int count = Integer.getInteger("logwarden.hostile.records", DEFAULT_RECORDS);
    System.out.println("HostileInputIT: seed " + seed + " (-Dlogwarden.hostile.seed=" + seed + " repeats it), "
        + count + " records");
    long started = System.nanoTime();
    HostileRecords generator = new HostileRecords(seed);
    List<HostileRecords.Hostile> records = generator.generate(count);
    assertThat(records).hasSize(count);
    List<String> planted = records.stream().flatMap(r -> r.planted().stream()).toList();
    PlantedPieces pieces = new PlantedPieces(planted);
    // The samples hold fake credentials of their own (a JWT's payload, say): a piece of those is not a leak of ours.
    generator.bases().forEach(pieces::exclude);
    System.out.println("HostileInputIT: generated in " + millis(started) + " ms; " + planted.size()
        + " planted secrets (" + pieces.size() + " pieces); kinds " + new TreeMap<>(HostileRecords.kinds(records)));

    try (KafkaTestCluster cluster = KafkaTestCluster.start();
        CapturedLog log = new CapturedLog(true, Map.of())) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        admin.createTopics(List.of(new NewTopic(RAW, PARTITIONS, (short) 1).configs(Map.of(
            "message.timestamp.type", "LogAppendTime",
            "max.message.bytes", Integer.toString(HostileRecords.MAX_RECORD_BYTES + 64 * 1024))))).all().get();
      }
      Files.writeString(dir.resolve("pseudonym.key"), "5e".repeat(32) + "\n");
      Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
          + cluster.bootstrapServers() + "\napplication_id: " + APPLICATION_ID + "\nstate_dir: " + dir.resolve("state")
          + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\n");
      CommandLine cli = LogwardenTools.commandLine();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString()));
      await().atMost(Duration.ofSeconds(60)).until(() -> RunCommand.of(cli).httpPort() > 0);
      int port = RunCommand.of(cli).httpPort();
      await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/health/ready").statusCode() == 200);

      long producing = System.nanoTime();
      Map<String, Integer> indexByOrigin = produce(client, records);
      System.out.println("HostileInputIT: produced " + indexByOrigin.size() + " records in " + millis(producing) + " ms");
      assertThat(indexByOrigin).hasSize(records.size());

      Map<String, Fate> fates = new HashMap<>();
      Map<String, Integer> outputs = new TreeMap<>();
      Map<String, Integer> reasons = new TreeMap<>();
      List<String> leaks = new ArrayList<>();
      List<String> strangers = new ArrayList<>();
      long consuming = System.nanoTime();
      try (KafkaConsumer<byte[], byte[]> consumer = committedReader(client)) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : concat(EVENT_TOPICS, List.of(DLQ))) {
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long[] lastReport = {System.nanoTime()};
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            outputs.merge(record.topic(), 1, Integer::sum);
            String origin = account(record, indexByOrigin, fates, reasons, strangers);
            scan(pieces, record, leaks, origin == null ? "" : " (from " + origin + ", " + records.get(indexByOrigin.get(origin)).kind() + ")");
          }
          if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
            lastReport[0] = System.nanoTime();
            System.out.println("HostileInputIT: " + fates.size() + " of " + indexByOrigin.size() + " accounted for after "
                + millis(consuming) + " ms");
          }
          return fates.size() >= indexByOrigin.size();
        });
        System.out.println("HostileInputIT: every record accounted for " + millis(consuming) + " ms after the first"
            + " read; outputs " + outputs + "; dead letters by reason " + reasons);

        // Then wait for both applications to have committed everything they read, and read every topic the
        // pipeline writes to its end: the alerts, and the internal changelog and repartition topics too.
        try (Admin admin = Admin.create(client)) {
          awaitCaughtUp(admin, APPLICATION_ID + "-normalize");
          awaitCaughtUp(admin, APPLICATION_ID + "-detect");
          Set<String> written = new HashSet<>(admin.listTopics().names().get());
          written.removeIf(t -> t.startsWith("logs.raw.") || t.startsWith("__"));
          assertThat(written).contains("security.alerts");
          List<TopicPartition> all = new ArrayList<>();
          for (String topic : written) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
          }
          Map<TopicPartition, Long> end = consumer.endOffsets(all);
          Set<TopicPartition> fresh = new HashSet<>(all);
          fresh.removeAll(partitions);
          consumer.assign(all);
          consumer.seekToBeginning(fresh);
          Map<String, Integer> more = new TreeMap<>();
          await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
              more.merge(record.topic(), 1, Integer::sum);
              String origin = fresh.contains(new TopicPartition(record.topic(), record.partition())) ? null
                  : account(record, indexByOrigin, fates, reasons, strangers);
              scan(pieces, record, leaks, origin == null ? "" : " (from " + origin + ", " + records.get(indexByOrigin.get(origin)).kind() + ")");
            }
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
          });
          System.out.println("HostileInputIT: then read " + more + " (alerts and internal topics)");
          assertThat(more).containsKey("security.alerts");
        }
      }

      // The pipeline is still running: both topologies RUNNING, no stream thread replaced, nothing stopped.
      HttpResponse<String> ready = get(port, "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"normalize\":\"RUNNING\"", "\"detect\":\"RUNNING\"");
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
      String scrape = get(port, "/metrics").body();
      assertThat(sum(scrape, "logwarden_stream_thread_replaced_total")).as("stream threads replaced").isZero();
      assertThat(sum(scrape, "kafka_stream_failed_stream_threads")).as("failed stream threads").isZero();
      assertThat(sum(scrape, "logwarden_records_in_total{")).as("raw records the pipeline read")
          .isEqualTo((double) records.size());
      assertThat(exit).as("run is still running").isNotDone();

      // Every record accounted for: events or exactly one dead letter, never both, never neither.
      assertThat(strangers).as("outputs whose origin was never produced").isEmpty();
      List<String> missing = new ArrayList<>();
      List<String> both = new ArrayList<>();
      List<String> twice = new ArrayList<>();
      indexByOrigin.forEach((origin, index) -> {
        Fate fate = fates.get(origin);
        String what = origin + " (" + records.get(index).kind() + ")";
        if (fate == null) {
          missing.add(what);
        } else if (fate.events > 0 && fate.deadLetters > 0) {
          both.add(what + " " + fate.reason);
        } else if (fate.deadLetters > 1) {
          twice.add(what);
        }
      });
      assertThat(missing).as("records in no store, no security event and no dead letter").isEmpty();
      assertThat(both).as("records with events and a dead letter").isEmpty();
      assertThat(twice).as("records with more than one dead letter").isEmpty();

      // The fates the pipeline documents for the extreme kinds.
      indexByOrigin.forEach((origin, index) -> {
        HostileRecords.Hostile record = records.get(index);
        Fate fate = fates.get(origin);
        switch (record.kind()) {
          case "null-value", "empty-value", "blank-value" ->
              assertThat(fate.reason).as(record.kind()).isEqualTo("empty_record");
          case "deep-nesting" -> assertThat(fate.reason).as(record.kind()).isEqualTo("too_deep");
          case "huge-over-limit", "huge-3mb-text", "huge-5mb-bytes" -> {
            assertThat(fate.reason).as(record.kind()).isEqualTo("too_large");
            assertThat(fate.payloadTruncated).as(record.kind()).isTrue();
            assertThat(fate.payloadSize).as(record.kind()).isEqualTo(record.value().length);
          }
          case "huge-under-limit" -> {
            assertThat(record.value().length).isLessThanOrEqualTo(RecordNormalizer.MAX_RECORD_BYTES);
            assertThat(fate.events).as(record.kind()).isPositive();
            assertThat(fate.flags).as(record.kind()).contains("truncated");
          }
          default -> {
            // Any fate is fine for the others, as long as it is one of the two.
          }
        }
      });

      assertThat(leaks).as("pieces of planted secrets in the pipeline's output").isEmpty();
      List<String> logLeaks = new ArrayList<>();
      for (CapturedLog.Line line : log.lines()) {
        String piece = pieces.find(line.text());
        if (piece != null) {
          logLeaks.add(line.logger() + ": " + piece);
        }
      }
      assertThat(logLeaks).as("pieces of planted secrets in the application's log").isEmpty();
      System.out.println("HostileInputIT: " + log.lines().size() + " log lines, none with a planted secret; "
          + "whole test " + millis(started) + " ms");

      RunCommand.of(cli).stop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  private static Map<String, Integer> produce(Map<String, Object> client, List<HostileRecords.Hostile> records)
      throws Exception {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, HostileRecords.MAX_RECORD_BYTES + 64 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Map<String, Integer> byOrigin = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        HostileRecords.Hostile record = records.get(i);
        int index = i;
        producer.send(new ProducerRecord<byte[], byte[]>(RAW, i % PARTITIONS, null, record.key(), record.value(),
            record.headers()), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else {
                byOrigin.put(origin(RAW, metadata.partition(), metadata.offset()), index);
              }
            });
      }
      producer.flush();
    }
    assertThat(failure.get()).as("producing the hostile records").isNull();
    return byOrigin;
  }

  /** Counts an output record against the produced record it came from; returns that origin, or null. */
  private static String account(ConsumerRecord<byte[], byte[]> record, Map<String, Integer> produced,
      Map<String, Fate> fates, Map<String, Integer> reasons, List<String> strangers) {
    if (record.topic().equals(DLQ)) {
      DeadLetter letter = LogwardenSerdes.deadLetter().deserializer().deserialize(DLQ, record.value());
      Origin origin = letter.getOrigin();
      String key = origin(origin.getTopic(), origin.getPartition(), origin.getOffset());
      reasons.merge(letter.getReason(), 1, Integer::sum);
      if (!produced.containsKey(key)) {
        strangers.add("dead letter of " + key);
        return null;
      }
      Fate fate = fates.computeIfAbsent(key, k -> new Fate());
      fate.deadLetters++;
      fate.reason = letter.getReason();
      fate.payloadTruncated = letter.getPayloadTruncated();
      fate.payloadSize = letter.getPayloadSize();
      return key;
    } else if (EVENT_TOPICS.contains(record.topic())) {
      LogEvent event = LogwardenSerdes.logEvent().deserializer().deserialize(record.topic(), record.value());
      Origin origin = event.getOrigin();
      String key = origin(origin.getTopic(), origin.getPartition(), origin.getOffset());
      if (!produced.containsKey(key)) {
        // The detect topology writes each alert to the Better Stack store as an event of its own.
        if (!"alert".equals(event.getAction())) {
          strangers.add("event of " + key);
        }
        return null;
      }
      Fate fate = fates.computeIfAbsent(key, k -> new Fate());
      fate.events++;
      fate.flags.addAll(event.getFlags());
      return key;
    }
    return null;
  }

  private static void scan(PlantedPieces pieces, ConsumerRecord<byte[], byte[]> record, List<String> leaks, String from) {
    String where = record.topic() + "/" + record.partition() + "/" + record.offset() + from;
    String piece = pieces.find(record.key());
    if (piece != null) {
      leaks.add(where + " key: " + piece);
    }
    piece = pieces.find(record.value());
    if (piece != null) {
      leaks.add(where + " value: " + piece);
    }
    for (Header header : record.headers()) {
      String found = pieces.find(header.key());
      if (found == null) {
        found = pieces.find(header.value());
      }
      if (found != null) {
        leaks.add(where + " header " + header.key().substring(0, Math.min(40, header.key().length())) + ": " + found);
      }
    }
  }

  // Both applications have committed offsets at the end of every partition they read.
  private static void awaitCaughtUp(Admin admin, String group) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      if (committed.isEmpty()) {
        return false;
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      return committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
    });
  }

  private static KafkaConsumer<byte[], byte[]> committedReader(Map<String, Object> client) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static String origin(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  private static double sum(String scrape, String prefix) {
    return scrape.lines().filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
