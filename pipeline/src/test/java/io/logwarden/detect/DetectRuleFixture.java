package io.logwarden.detect;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.Category;
import io.logwarden.schema.ErrorInfo;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import io.logwarden.schema.detect.RuleKeyState;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topology.DetectTopology;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.StreamTask;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real detect topology (shipped policy, default rules, production Streams properties) in
 * Kafka Streams' test driver, and small builders of the events the rules look at.
 *
 * <p>Every event is sent with its observed time as the Kafka record timestamp, as normalize writes
 * it. Times are given as offsets from {@link #T0}. Nothing here knows how the engine computes an
 * alert; the tests compute what they expect from the rules' written semantics.
 */
final class DetectRuleFixture implements AutoCloseable {

  static final Policy POLICY = PolicyLoader.loadDefault();
  /** The shipped rules with an update_interval of 0: every update a record, as before coalescing. */
  static final RuleSet RULES = RulesLoader.loadDefault(POLICY).withUpdateInterval(Duration.ZERO);
  /** The shipped rules as shipped: updates coalesced (default update_interval 30 s), CLOSED records. */
  static final RuleSet SHIPPED_RULES = RulesLoader.loadDefault(POLICY);

  static final String BRUTE_FORCE_SOURCE = "auth.brute_force.source";
  static final String BRUTE_FORCE_USER = "auth.brute_force.user";
  static final String PASSWORD_SPRAYING = "auth.password_spraying";
  static final String SUCCESS_AFTER_FAILURES = "auth.success_after_failures";
  static final String CONFIG_CHANGE = "config.change_after_suspicious_auth";
  static final String CLOCK_SKEW = "system.clock_skew";
  static final String ERROR_BURST = "availability.error_burst";

  static final String SECURITY_EVENTS = "security.events";
  static final String SENTRY = "store.sentry";
  static final String ALERTS = "security.alerts";
  static final String BETTERSTACK = "store.betterstack";

  static final String LATE_EVENTS = "logwarden.detect.late.events";

  /** The contract's constants (the issue), written out here rather than read from the engine. */
  static final Duration SUPPRESSION = Duration.ofSeconds(600);
  static final Duration GRACE = Duration.ofSeconds(30);
  static final Duration MAX_AHEAD = Duration.ofSeconds(5);
  static final int MAX_SAMPLES = 10;

  /** An arbitrary origin of event time; every test time is an offset from it. */
  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private final Path dir;
  private final RuleSet rules;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, LogEvent> security;
  private TestInputTopic<String, LogEvent> sentry;
  private TestOutputTopic<String, Alert> alertsOut;
  private TestOutputTopic<String, LogEvent> betterstackOut;
  private final List<TestRecord<String, Alert>> alerts = new ArrayList<>();
  private final List<TestRecord<String, LogEvent>> alertEvents = new ArrayList<>();
  private int restarts;

  /** Starts the detect topology with its state under {@code dir} (a fresh directory per run). */
  DetectRuleFixture(Path dir) {
    this(dir, RULES);
  }

  /** Starts the detect topology with {@code rules}. */
  DetectRuleFixture(Path dir, RuleSet rules) {
    this.dir = dir;
    this.rules = rules;
    open();
  }

  private void open() {
    Properties props = StreamsProperties.of(LogwardenConfig.local("unused:9092", dir), TopologyKind.DETECT, POLICY, meters);
    // The test driver commits after every record; exactly-once adds nothing without a broker.
    props.put("processing.guarantee", LogwardenConfig.AT_LEAST_ONCE);
    driver = new TopologyTestDriver(Topologies.build(TopologyKind.DETECT, POLICY, rules,
        RawSubscription.pattern(POLICY.topics().rawPattern()), props), props);
    StringSerializer keys = new StringSerializer();
    security = driver.createInputTopic(SECURITY_EVENTS, keys, LogwardenSerdes.logEvent().serializer());
    sentry = driver.createInputTopic(SENTRY, keys, LogwardenSerdes.logEvent().serializer());
    StringDeserializer keyReader = new StringDeserializer();
    alertsOut = driver.createOutputTopic(ALERTS, keyReader, LogwardenSerdes.alert().deserializer());
    betterstackOut = driver.createOutputTopic(BETTERSTACK, keyReader, LogwardenSerdes.logEvent().deserializer());
  }

  // ---------------------------------------------------------------------------------------------
  // Driving the topology

  /** Sends events to security.events, in order, each stamped with its observed time. */
  void send(LogEvent... events) {
    for (LogEvent event : events) {
      security.pipeInput(new TestRecord<>(recordKey(event), event, event.getObservedTime()));
    }
  }

  void send(Collection<LogEvent> events) {
    events.forEach(this::send);
  }

  /** Sends events to store.sentry (the error events the error-burst rule reads). */
  void sendToSentry(LogEvent... events) {
    for (LogEvent event : events) {
      sentry.pipeInput(new TestRecord<>(event.getEventId(), event, event.getObservedTime()));
    }
  }

  void sendToSentry(Collection<LogEvent> events) {
    events.forEach(this::sendToSentry);
  }

  // security.events is keyed by the actor
  private static String recordKey(LogEvent event) {
    if (event.getActor().getUser() != null) {
      return event.getActor().getUser();
    }
    return event.getSource().getAddress() != null ? event.getSource().getAddress() : event.getEventId();
  }

  /**
   * Stops the application cleanly and starts a new one on the same state directory, as a restarted
   * instance would.
   *
   * <p>The test driver deletes its state directory when it closes ({@code TopologyTestDriver.close()}
   * ends with {@code StateDirectory.clean()}), which a real instance never does, and until its task
   * is closed the stores' latest writes are only in RocksDB's memtables (Streams writes no RocksDB
   * WAL). So the driver's task is closed first, exactly as {@code close()} closes it (suspend,
   * commit, clean close: the stores are flushed and checkpointed), the state directory is copied, the
   * driver is closed, and the copy is put back where the new driver finds it.
   */
  void restart() {
    drain();
    closeTaskOf(driver);
    Path live = stateDirectory();
    Path snapshot = dir.resolve("snapshot-" + restarts++);
    copyTree(live, snapshot);
    driver.close();
    deleteTree(live);
    copyTree(snapshot, live);
    open();
  }

  // What TopologyTestDriver.close() does to its task before it deletes the state directory; the
  // driver's close() then finds no task and only releases the rest.
  private static void closeTaskOf(TopologyTestDriver driver) {
    try {
      Field field = TopologyTestDriver.class.getDeclaredField("task");
      field.setAccessible(true);
      StreamTask task = (StreamTask) field.get(driver);
      task.suspend();
      task.prepareCommit(true);
      task.postCommit(true);
      task.closeClean();
      field.set(driver, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Kafka Streams test driver has no task field to close", e);
    }
  }

  /** The Kafka Streams state directory of the detect application (StreamsProperties: state dir / topology id). */
  /** Moves the driver's wall clock on (wall-clock punctuations run). */
  void advanceWallClock(java.time.Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** The number of entries in one of the detect topology's key-value stores. */
  long storeSize(String storeName) {
    long n = 0;
    try (org.apache.kafka.streams.state.KeyValueIterator<Object, Object> it =
        driver.getKeyValueStore(storeName).all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  /**
   * Takes the kept window out of every key's state of a rule ({@code window_values} null), as state
   * written by a release that did not keep it: the rule must rebuild it from the stored signals.
   */
  void forgetKeptWindows(String ruleId) {
    KeyValueStore<String, RuleKeyState> states =
        driver.getKeyValueStore(DetectTopology.statesStoreName(RULES.rule(ruleId)));
    List<KeyValue<String, RuleKeyState>> all = new ArrayList<>();
    try (KeyValueIterator<String, RuleKeyState> it = states.all()) {
      it.forEachRemaining(all::add);
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("rule " + ruleId + " holds no state to forget");
    }
    for (KeyValue<String, RuleKeyState> entry : all) {
      entry.value.setWindowValues(null);
      entry.value.setWindowCount(0);
      entry.value.setLatestSecondStep(null);
      states.put(entry.key, entry.value);
    }
  }

  Path stateDirectory() {
    return dir.resolve(TopologyKind.DETECT.id());
  }

  @Override
  public void close() {
    driver.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the outputs

  private void drain() {
    alerts.addAll(alertsOut.readRecordsToList());
    alertEvents.addAll(betterstackOut.readRecordsToList());
  }

  /** Every alert record published so far on security.alerts, in order. */
  List<Alert> alerts() {
    drain();
    return alerts.stream().map(TestRecord::value).toList();
  }

  /** The alert records of one rule, in order. */
  List<Alert> alerts(String ruleId) {
    return alerts().stream().filter(a -> a.getRuleId().equals(ruleId)).toList();
  }

  /** Every record published so far on security.alerts, with its record key. */
  List<TestRecord<String, Alert>> alertRecords() {
    drain();
    return List.copyOf(alerts);
  }

  /** Every record published so far on store.betterstack (alerts as events). */
  List<TestRecord<String, LogEvent>> alertEventRecords() {
    drain();
    return List.copyOf(alertEvents);
  }

  /** The value of {@code logwarden.detect.late.events{rule}}, 0 when never registered. */
  /** A counter of one rule, 0 when it was never registered. */
  double counter(String name, String ruleId) {
    Counter counter = meters.find(name).tag("rule", ruleId).counter();
    return counter == null ? 0 : counter.count();
  }

  double lateEvents(String ruleId) {
    Counter counter = meters.find(LATE_EVENTS).tag("rule", ruleId).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Alert records grouped by alert id, ids in order of first appearance. */
  static Map<String, List<Alert>> byAlertId(List<Alert> records) {
    Map<String, List<Alert>> result = new LinkedHashMap<>();
    for (Alert alert : records) {
      result.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert);
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Times and the window semantics, as the contract states them

  static Instant sec(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static Instant ms(long millis) {
    return T0.plusMillis(millis);
  }

  /** The number of times in the window of length {@code width} ending at {@code end}: (end − width, end]. */
  static long inWindow(Collection<Instant> times, Instant end, Duration width) {
    Instant start = end.minus(width);
    return times.stream().filter(t -> t.isAfter(start) && !t.isAfter(end)).count();
  }

  /** The earliest of the times in the window (end − width, end]. */
  static Instant firstInWindow(Collection<Instant> times, Instant end, Duration width) {
    Instant start = end.minus(width);
    return times.stream().filter(t -> t.isAfter(start) && !t.isAfter(end)).min(Comparator.naturalOrder()).orElseThrow();
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  static LogEvent failedSignIn(String id, Instant time, String source, String user) {
    return signIn(id, time, Outcome.FAILURE, source, user);
  }

  static LogEvent successfulSignIn(String id, Instant time, String source, String user) {
    return signIn(id, time, Outcome.SUCCESS, source, user);
  }

  static LogEvent signIn(String id, Instant time, Outcome outcome, String source, String user) {
    return event(id, time, time, Category.AUTHENTICATION, "sign_in", outcome, 9, user, null, null, null, source)
        .build();
  }

  /** An event of the given action (config_change, admin_action, ...) by a user and/or from a source. */
  static LogEvent action(String id, Instant time, String action, String user, String source) {
    return event(id, time, time, Category.SECURITY, action, Outcome.SUCCESS, 9, user, null, null, null, source).build();
  }

  /**
   * An event from {@code host} dated {@code ahead} after it was observed, flagged {@code future_time}
   * as normalization flags events more than the tolerance ahead.
   */
  static LogEvent futureDated(String id, Instant observed, Duration ahead, String host) {
    LogEvent.Builder event =
        event(id, observed.plus(ahead), observed, Category.SYSTEM, "log", Outcome.UNKNOWN, 9, null, null, null, host, null);
    return event.setFlags(new ArrayList<>(List.of("future_time"))).build();
  }

  /** An error log (severity ERROR on the OpenTelemetry scale) of a service and/or process. */
  static LogEvent errorLog(String id, Instant time, String service, String process) {
    return event(id, time, time, Category.APPLICATION, "log", Outcome.UNKNOWN, 17, null, process, service, null, null)
        .build();
  }

  /** An event that carries an exception but no severity. */
  static LogEvent exceptionLog(String id, Instant time, String service) {
    return event(id, time, time, Category.APPLICATION, "log", Outcome.UNKNOWN, null, null, null, service, null, null)
        .setError(new ErrorInfo("java.io.IOException", "connection reset", "java.io.IOException: connection reset"))
        .build();
  }

  /** A warning (severity WARN, no exception): not an error. */
  static LogEvent warningLog(String id, Instant time, String service) {
    return event(id, time, time, Category.APPLICATION, "log", Outcome.UNKNOWN, 13, null, null, service, null, null)
        .build();
  }

  /** The event with other times: event time as the producer claims it, observed time as Kafka received it. */
  static LogEvent withTimes(LogEvent event, Instant eventTime, Instant observed) {
    return LogEvent.newBuilder(event)
        .setEventTime(eventTime)
        .setObservedTime(observed)
        .setClockSkewMs(Duration.between(observed, eventTime).toMillis())
        .build();
  }

  /** The same event with the given severity number. */
  static LogEvent withSeverity(LogEvent event, int severityNumber) {
    return LogEvent.newBuilder(event).setSeverityNumber(severityNumber).build();
  }

  /** The same event with the given category. */
  static LogEvent withCategory(LogEvent event, Category category) {
    return LogEvent.newBuilder(event).setCategory(category).build();
  }

  /** The same event with the given action. */
  static LogEvent withAction(LogEvent event, String action) {
    return LogEvent.newBuilder(event).setAction(action).build();
  }

  private static LogEvent.Builder event(String id, Instant eventTime, Instant observed, Category category,
      String action, Outcome outcome, Integer severity, String user, String process, String service, String host,
      String address) {
    return LogEvent.newBuilder()
        .setEventId(id)
        .setEventTime(eventTime)
        .setObservedTime(observed)
        .setClockSkewMs(Duration.between(observed, eventTime).toMillis())
        .setCategory(category)
        .setAction(action)
        .setOutcome(outcome)
        .setSeverityNumber(severity)
        .setSeverityText(null)
        .setActor(new Actor(user, process, service))
        .setSource(new Source(host, address, null))
        .setMessage("test event " + id)
        .setAttributes(new HashMap<>())
        .setOrigin(new Origin("logs.raw.test", 0, 0L, 0, "json"))
        .setRedaction(new Redaction(new HashMap<>(), null))
        .setFlags(new ArrayList<>());
  }

  // ---------------------------------------------------------------------------------------------

  private static void copyTree(Path from, Path to) {
    if (!Files.exists(from)) {
      throw new IllegalStateException("no state directory at " + from);
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("LOCK") && !path.getFileName().toString().equals(".lock")) {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
