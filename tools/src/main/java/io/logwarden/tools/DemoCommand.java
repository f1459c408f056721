package io.logwarden.tools;

import io.logwarden.cli.PolicyOption;
import io.logwarden.cli.TryOutKey;
import io.logwarden.config.ConfigException;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.demo.DemoReport;
import io.logwarden.demo.DemoSample;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.event.Metrics;
import io.logwarden.ops.OpsMetrics;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.ops.http.OpsHttpServer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.policy.TopicSpec;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden demo}: the whole pipeline on an embedded broker, fed a bundled sample. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Runs the whole pipeline on an embedded broker over a bundled sample and prints what went where.",
    description = "Starts a single-node Kafka broker in this process on free loopback ports (nothing to install), creates the policy's topics, starts the normalize and detect topologies, produces a bundled sample of raw logs with a brute-force attempt in it, then prints how many records reached each topic and the alerts, and exits. The broker's address is printed first, so any Kafka tool can connect while it runs.",
    footer = {"", "Examples:", "  ./logwarden demo", "  ./logwarden demo --follow   # keep broker and pipeline running"})
public final class DemoCommand implements Callable<Integer> {

  private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  @Option(names = "--follow", description = "Keep the broker and the pipeline running after the report, until Ctrl-C.")
  boolean follow;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port of /metrics, /health/live and /health/ready (default ${DEFAULT-VALUE}; when it is in use, any "
          + "free port; 0: any free port).")
  int httpPort;

  @Spec
  CommandSpec spec;

  private PrintWriter out;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  /** The {@code demo} command of {@code cli}, for a program that runs it in its own JVM. */
  public static DemoCommand of(CommandLine cli) {
    return cli.getSubcommands().get("demo").getCommand();
  }

  /** Ends a {@code demo --follow} as Ctrl-C would. */
  public void stop() {
    stop.countDown();
  }

  /**
   * The demo's update_interval instead of the rules' 30 s, so that the alerts it prints carry their
   * last counts seconds after the sample, not half a minute (the records an alert gets are the same
   * in kind: OPEN, coalesced UPDATED, escalation steps).
   */
  static final Duration DEMO_UPDATE_INTERVAL = Duration.ofSeconds(2);

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Policy policy = PolicyOption.load(null);
    System.err.println("logwarden demo: starting an embedded Kafka broker...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        ScratchDirectory state = ScratchDirectory.create("logwarden-demo-state-")) {
      out.println("Kafka bootstrap address: " + broker.bootstrapServers());
      LogwardenConfig config = LogwardenConfig.local(broker.bootstrapServers(), state.path(),
          TryOutKey.resolve(System.getenv(), System.err));
      Map<String, List<String>> sample = DemoSample.load();
      List<String> rawTopics = sample.keySet().stream().map(policy.topics()::rawTopic).toList();
      try (OpsMetrics metrics = new OpsMetrics();
          PipelineRuntime runtime = new PipelineRuntime(config, policy,
              RulesLoader.loadDefault(policy).withUpdateInterval(DEMO_UPDATE_INTERVAL), metrics.registry());
          OpsHttpServer http = serveOps(metrics, runtime)) {
        MeterRegistry meters = metrics.registry();
        runtime.provisionTopics();
        try (Admin admin = Admin.create(runtime.adminProperties())) {
          new TopicProvisioner(admin, policy.topics().partitions(), policy.topics().replicationFactor(),
              new SimpleMeterRegistry()).provisionRawTopics(rawTopics);
        }
        out.println("Topics created: " + String.join(", ", rawTopics) + ", "
            + String.join(", ", policy.outputTopics().stream().map(TopicSpec::name).toList()));
        out.println("Metrics and health: http://127.0.0.1:" + http.port() + "/metrics, /health/live, /health/ready");
        runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
        if (!runtime.awaitRunning(Duration.ofSeconds(60))) {
          out.println("The topologies did not start; see the log above.");
          return 1;
        }
        int produced = produce(runtime.adminProperties(), policy, sample);
        out.println("Produced " + produced + " raw records; waiting for the pipeline...");
        try (TopicReader reader = new TopicReader(runtime.adminProperties())) {
          awaitProcessed(reader, policy, produced);
          String detectGroup = config.applicationId() + "-" + TopologyKind.DETECT.id();
          awaitDetectCaughtUp(runtime.adminProperties(), detectGroup);
          // An alert's owed update goes out once its key has been quiet for the update interval (wall
          // clock) and the next pass over the keys (each second) finds it; then rule 5 reads it.
          // A busy machine can delay that pass: wait until the alerts topic has been still that long.
          awaitAlertsStill(runtime.adminProperties(), policy.topics().alerts().name(), detectGroup);
          report(reader, policy, rawTopics, meters);
        }
        out.println();
        out.println("Read the alerts as an analyst would (with --follow, while the demo runs with --follow): ./logwarden alerts "
            + "--bootstrap-server " + broker.bootstrapServers());
        out.println("Any topic as JSON lines: ./logwarden tail --bootstrap-server " + broker.bootstrapServers()
            + " --topic " + policy.topics().alerts().name());
        if (follow) {
          out.println();
          out.println("Following: broker at " + broker.bootstrapServers() + "; press Ctrl-C to stop.");
          out.println("Audit evidence of this run, from another terminal: ./logwarden evidence --bootstrap-server "
              + broker.bootstrapServers() + " --out evidence");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            // Keep the JVM alive until the pipeline and the broker are closed and their files removed.
            try {
              closed.await(PipelineRuntime.CLOSE_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, "logwarden-demo-shutdown"));
          stop.await();
        }
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  // The demo must start on a laptop where 8080 is taken: then any free port, and it says which.
  private OpsHttpServer serveOps(OpsMetrics metrics, PipelineRuntime runtime) throws java.io.IOException {
    try {
      return OpsHttpServer.start(httpPort, metrics.registry(), runtime::health);
    } catch (ConfigException portInUse) {
      return OpsHttpServer.start(0, metrics.registry(), runtime::health);
    }
  }

  private static int produce(Map<String, Object> client, Policy policy, Map<String, List<String>> sample) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    int count = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, List<String>> source : sample.entrySet()) {
        String topic = policy.topics().rawTopic(source.getKey());
        for (String line : source.getValue()) {
          producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
          count++;
        }
      }
      producer.flush();
    }
    return count;
  }

  /**
   * Every raw record ends as events in the stores or as one dead letter, so the pipeline is done with
   * the sample when the distinct origins (raw topic and offset) of both reach the number produced;
   * detection then gets a moment to catch up with the security events.
   */
  private void awaitProcessed(TopicReader reader, Policy policy, int produced) throws InterruptedException {
    List<String> stores = policy.stores().values().stream().map(Store::topic).toList();
    String dlq = policy.topics().deadLetter().name();
    Deserializer<LogEvent> events = LogwardenSerdes.logEvent().deserializer();
    Deserializer<DeadLetter> letters = LogwardenSerdes.deadLetter().deserializer();
    Instant deadline = Instant.now().plus(PROCESSING_TIMEOUT);
    Set<String> origins = new HashSet<>();
    while (Instant.now().isBefore(deadline)) {
      List<String> topics = new ArrayList<>(stores);
      topics.add(dlq);
      origins.clear();
      reader.readAll(topics, READ_TIMEOUT).forEach((topic, records) -> records.forEach(record -> {
        Origin origin = topic.equals(dlq) ? letters.deserialize(topic, record.value()).getOrigin()
            : events.deserialize(topic, record.value()).getOrigin();
        if (origin.getTopic().startsWith(policy.topics().rawPrefix())) {
          // Alerts kept in a store as events have the alerts topic as origin, not a raw record.
          origins.add(origin.getTopic() + "/" + origin.getPartition() + "/" + origin.getOffset());
        }
      }));
      if (origins.size() >= produced) {
        break;
      }
      Thread.sleep(250);
    }
    if (origins.size() < produced) {
      out.println("Only " + origins.size() + " of " + produced + " records were processed within "
          + PROCESSING_TIMEOUT.toSeconds() + " s; the counts below are partial.");
    }
  }

  /**
   * Waits until detection has read all there is: its group's committed offsets reach the end of every
   * partition it reads (security events, the stores it watches, its own repartition topics, which
   * carry alerts to the rules that follow other rules), twice in a row half a second apart. A quiet
   * alert count is not enough: a busy machine can pause detection for longer than any fixed quiet spell.
   */
  private void awaitDetectCaughtUp(Map<String, Object> client, String detectGroup) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    int caughtUp = 0;
    try (Admin admin = Admin.create(client)) {
      while (Instant.now().isBefore(deadline) && caughtUp < 2) {
        caughtUp = lag(admin, detectGroup) == 0 ? caughtUp + 1 : 0;
        Thread.sleep(500);
      }
    } catch (ExecutionException | TimeoutException e) {
      out.println("Could not read detection's progress (" + e.getClass().getSimpleName() + "); the alerts below may be partial.");
      return;
    }
    if (caughtUp < 2) {
      out.println("Detection had not caught up within 30 s; the alerts below may be partial.");
    }
  }

  /**
   * Waits until no alert record has been added for the update interval plus a pass over the keys
   * and a commit (an owed update would have come by then), with detection caught up; at most 30 s.
   */
  private void awaitAlertsStill(Map<String, Object> client, String alerts, String detectGroup) throws InterruptedException {
    long still = DEMO_UPDATE_INTERVAL.toMillis() + 1_500;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    try (Admin admin = Admin.create(client)) {
      long end = -1;
      Instant changed = Instant.now();
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(alerts)).allTopicNames().get(10, TimeUnit.SECONDS).get(alerts).partitions()
            .forEach(p -> latest.put(new TopicPartition(alerts, p.partition()), OffsetSpec.latest()));
        long now = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        if (now != end) {
          end = now;
          changed = Instant.now();
        } else if (Duration.between(changed, Instant.now()).toMillis() >= still && lag(admin, detectGroup) == 0) {
          return;
        }
        Thread.sleep(500);
      }
    } catch (ExecutionException | TimeoutException e) {
      out.println("Could not read the alerts' progress (" + e.getClass().getSimpleName() + "); the alerts below may be partial.");
      return;
    }
    out.println("Alerts were still coming after 30 s; the alerts below may be partial.");
  }

  /** Records not yet committed by {@code group}; -1 before it has committed anything. */
  private static long lag(Admin admin, String group) throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> positions = new HashMap<>();
    committed.forEach((partition, offset) -> positions.put(partition, offset == null ? 0L : offset.offset()));
    // Its repartition topics, which it may not have committed on yet.
    Set<String> internal = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
        .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition")).collect(Collectors.toSet());
    if (!internal.isEmpty()) {
      admin.describeTopics(internal).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
          description.partitions().forEach(p -> positions.putIfAbsent(new TopicPartition(name, p.partition()), 0L)));
    }
    if (committed.isEmpty()) {
      return -1;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    positions.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
        : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
      lag += Math.max(0, end.getValue().offset() - positions.get(end.getKey()));
    }
    return lag;
  }

  private void report(TopicReader reader, Policy policy, List<String> rawTopics, MeterRegistry meters) {
    List<String> topics = new ArrayList<>(rawTopics);
    policy.outputTopics().forEach(spec -> topics.add(spec.name()));
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = reader.readAll(topics, READ_TIMEOUT);
    Map<String, Integer> counts = new LinkedHashMap<>();
    records.forEach((topic, list) -> counts.put(topic, list.size()));
    DemoReport report = new DemoReport(out);
    report.printCounts(counts);
    Map<String, Integer> formats = new TreeMap<>();
    meters.find(Metrics.RECORDS_IN.name()).counters().forEach(counter ->
        formats.merge(counter.getId().getTag("format"), (int) counter.count(), Integer::sum));
    report.printFormats(formats);
    Map<String, Integer> redactions = new TreeMap<>();
    meters.find(Metrics.REDACTIONS.name()).counters().forEach(counter ->
        redactions.merge(counter.getId().getTag("rule"), (int) counter.count(), Integer::sum));
    report.printRedactions(redactions);
    String dlqTopic = policy.topics().deadLetter().name();
    Deserializer<DeadLetter> letters = LogwardenSerdes.deadLetter().deserializer();
    Map<String, Integer> reasons = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records.get(dlqTopic)) {
      reasons.merge(letters.deserialize(dlqTopic, record.value()).getReason(), 1, Integer::sum);
    }
    report.printDeadLetterReasons(reasons);
    Deserializer<Alert> alerts = LogwardenSerdes.alert().deserializer();
    Map<String, Alert> latest = new LinkedHashMap<>();
    String alertTopic = policy.topics().alerts().name();
    for (ConsumerRecord<byte[], byte[]> record : records.get(alertTopic)) {
      Alert alert = alerts.deserialize(alertTopic, record.value());
      latest.put(alert.getAlertId(), alert);
    }
    report.printAlerts(latest.values());
  }
}
