package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.demo.DemoSample;
import io.logwarden.evidence.EvidenceRenderersTest;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.Store;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.tools.LogwardenTools;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code logwarden evidence} on a real broker, over what the real pipeline made of the demo sample
 * (secrets, personal data, a dead letter, brute forces that raise alerts) plus a host whose clock
 * runs an hour ahead: every figure of the report is checked against a count made here from the
 * topics, and neither file holds a secret or an event's content.
 */
class EvidenceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final String SVG = "http://www.w3.org/2000/svg";
  /** Secrets and personal data in the sample: what the redaction step replaced. */
  private static final List<Pattern> SAMPLE_SECRETS = List.of(
      Pattern.compile("AKIA[0-9A-Z]{16}"),
      Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
      Pattern.compile("(?:sk_live_|sk-|phc_|xox[abp]-)[A-Za-z0-9_-]{10,}"),
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
      Pattern.compile("(?i)(?:password|passwd|secret|token|api_key|apikey)\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?([^\"'\\s&,}\\\\]+)"),
      Pattern.compile("://[^/\\s:@]+:([^@\\s/]+)@"),
      Pattern.compile("\\b\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{4}\\b"),
      Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"),
      Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b"));

  @RegisterExtension
  static final ClusterPerClass<KafkaTestCluster> KAFKA = ClusterPerClass.kafka();

  private static Map<String, Object> client() {
    return Map.of("bootstrap.servers", KAFKA.get().bootstrapServers());
  }

  private record Run(int exitCode, String output, String markdown, String html) {}

  private static Run evidence(Path out, String... options) throws Exception {
    CommandLine cli = LogwardenTools.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cli.setOut(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("evidence", "--bootstrap-server", KAFKA.get().bootstrapServers(),
        "--out", out.toString()));
    args.addAll(List.of(options));
    int code = cli.execute(args.toArray(String[]::new));
    String output = bytes.toString(StandardCharsets.UTF_8) + err;
    if (code != 0) {
      return new Run(code, output, null, null);
    }
    return new Run(code, output, Files.readString(out.resolve("evidence.md"), StandardCharsets.UTF_8),
        Files.readString(out.resolve("evidence.html"), StandardCharsets.UTF_8));
  }

  @Test
  void reportOnWhatThePipelineMadeOfTheDemoSample(@TempDir Path dir) throws Exception {
    Map<String, List<String>> sample = new LinkedHashMap<>(DemoSample.load());
    // A host whose clock runs an hour ahead; the sample's own times are fixed dates in the past.
    sample.put("clock", List.of("{\"@timestamp\":\"" + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
        + "\",\"@version\":\"1\",\"message\":\"Clock ahead by an hour\",\"logger_name\":\"com.example.Clock\","
        + "\"thread_name\":\"main\",\"level\":\"INFO\",\"level_value\":20000,\"service\":\"clock\",\"host\":\"clock-ahead-1\"}"));
    // Secrets made at run time, so no test run can leak one it did not plant.
    String githubPat = "gh" + "p_" + random(36);
    String password = "Pw" + random(14);
    sample.put("planted", List.of("ts=2026-11-27T08:14:06Z level=warn msg=\"retrying\" token=" + githubPat
        + " password=" + password + " host=planted-1"));
    List<String> secrets = secretsOf(sample);
    secrets.addAll(List.of(githubPat, password));

    List<String> rawTopics = sample.keySet().stream().map(POLICY.topics()::rawTopic).toList();
    try (PipelineRuntime runtime = new PipelineRuntime(LogwardenConfig.local(KAFKA.get().bootstrapServers(),
        dir.resolve("state")), POLICY, new SimpleMeterRegistry())) {
      runtime.provisionTopics();
      try (Admin admin = Admin.create(client())) {
        new TopicProvisioner(admin, POLICY.topics().partitions(), POLICY.topics().replicationFactor(),
            new SimpleMeterRegistry()).provisionRawTopics(rawTopics);
      }
      runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
      assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();
      int produced = produce(sample);
      awaitProcessed(produced);
    }
    Instant asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Run run = evidence(dir.resolve("first"), "--as-of", asOf.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
    String md = run.markdown();
    String html = run.html();
    assertThat(run.output()).contains("Wrote ", "evidence.md", "evidence.html", "15 controls");

    // 1. The policy's identity; its review is current until a year after 2026-07-01.
    boolean overdue = LocalDate.ofInstant(asOf, ZoneOffset.UTC).isAfter(LocalDate.parse("2027-07-01"));
    assertThat(md).contains("## 1. Policy identity and review: " + (overdue ? "FINDING" : "MET"));
    assertThat(table(md, "Policy identity and review")).contains(List.of("version", "1.0"),
        List.of("last review", "2026-07-01"), List.of("owner", "CISO"));

    // 2. Every store with its retention, as the policy and the cluster have it.
    assertThat(table(md, "Retention per store")).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3), r -> r.get(4),
        r -> r.get(5), r -> r.get(6)).containsExactly(
            tuple("Better Stack", "store.betterstack", "30 days", "2592000000 (30 days)", "compact,delete", "matches"),
            tuple("Sentry", "store.sentry", "90 days", "7776000000 (90 days)", "compact,delete", "matches"),
            tuple("PostHog", "store.posthog", "7 years (2555 days)", "220752000000 (7 years)",
                "compact,delete", "matches"),
            tuple("Langfuse", "store.langfuse", "unlimited (under review)", "-1 (unlimited)", "compact,delete", "matches"));
    assertThat(md).contains("## 2. Retention per store: FINDING",
        "**Retention per store**: Langfuse: no retention cap; the policy marks it under review. Policy note: "
            + "Langfuse's default configuration.");
    // 3. Provisioned as the pipeline does: no drift.
    assertThat(md).contains("## 3. Topic drift from the policy: MET");

    // 4. Redactions per rule, against a count made here from the store topics, each event once.
    Map<String, List<String>> redactions = countRedactions();
    assertThat(redactions).containsKeys("aws-access-key-id", "github-pat", "email", "ipv4", "secret-value");
    assertThat(table(md, "Redaction of secrets and personal data")).containsExactlyElementsOf(
        redactions.entrySet().stream().map(e -> withKey(e.getKey(), e.getValue())).toList());

    // 5. Dead letters by reason and origin: the truncated JSON line of the app sample.
    Map<String, Long> letters = countDeadLetters();
    assertThat(letters).containsEntry("not_json logs.raw.app", 1L);
    assertThat(table(md, "Records that could not become events")).containsExactlyElementsOf(letters.entrySet().stream()
        .map(e -> List.of(e.getKey().split(" ")[0], e.getKey().split(" ")[1], Long.toString(e.getValue()))).toList());

    // 6. The host running ahead is a finding; the sample's past dates count as behind.
    List<List<String>> skew = table(md, "Clock synchronization");
    assertThat(skew).filteredOn(r -> r.get(0).equals("clock-ahead-1"))
        .singleElement().satisfies(r -> {
          assertThat(r.get(1)).isEqualTo("1");
          assertThat(r.get(3)).startsWith("+59 min").as("an hour ahead, less the time to arrive");
        });
    assertThat(md).contains("## 6. Clock synchronization: FINDING");

    // 8. Access: this broker has no authorizer (the secure broker's case is AclsCommandIT's).
    assertThat(md).contains("## 8. Access to log data (least privilege): FINDING",
        "The cluster has no authorizer: ACLs are not enforced");

    // 7. Alerts per rule and severity at their latest state, against a count made here.
    Map<String, Long> alerts = countAlerts();
    assertThat(alerts).containsEntry("auth.brute_force.source HIGH", 2L)
        .containsEntry("auth.success_after_failures CRITICAL", 1L)
        .containsEntry("config.change_after_suspicious_auth CRITICAL", 1L);
    assertThat(table(md, "Alerts raised")).extracting(r -> r.get(0) + " " + r.get(1), r -> Long.parseLong(r.get(2)))
        .containsExactlyElementsOf(alerts.entrySet().stream().map(e -> tuple(e.getKey(), e.getValue())).toList());

    // 8. What this tool cannot see.
    assertThat(md).contains("Encryption of log data at rest: NOT_EVIDENCED", "Wazuh SIEM and intrusion detection: "
        + "NOT_EVIDENCED", "Public status page: NOT_EVIDENCED", "The team's review of alerts: NOT_EVIDENCED");
    // Without --config the pipeline's connections are not visible (transitFromAPlaintextConfig has one).
    assertThat(md).contains("## 9. Encryption in transit and authentication: NOT_EVIDENCED");
    assertThat(md).contains("| NOT_EVIDENCED | 7 |");

    // The HTML page: well-formed, the same content, one chart per control that has one.
    Document page = EvidenceRenderersTest.parseXml(html);
    NodeList sections = page.getElementsByTagNameNS(XHTML, "section");
    Map<String, Integer> svgs = new TreeMap<>();
    for (int i = 0; i < sections.getLength(); i++) {
      Element section = (Element) sections.item(i);
      if (section.getAttribute("class").equals("control")) {
        svgs.put(section.getAttribute("id"), section.getElementsByTagNameNS(SVG, "svg").getLength());
      }
    }
    assertThat(svgs).hasSize(15);
    svgs.forEach((id, n) -> assertThat(n).as(id).isEqualTo(id.startsWith("c-not-evidenced.") ? 0 : 1));
    assertThat(svgs.keySet().stream().filter(id -> !id.startsWith("c-not-evidenced."))).hasSize(8);
    assertThat(html).contains("Langfuse: no retention cap; the policy marks it under review.", "clock-ahead-1",
        "stroke-dasharray=\"5 3\"");

    // Counts, rule ids, names, hosts and reasons only: no secret, no personal data, no event content.
    for (String text : List.of(md, html)) {
      assertNoPieceOf(secrets, text);
      assertThat(text).doesNotContain("Started OrderService", "Failed password", "failed sign-ins from",
          "Clock ahead by an hour", "retrying");
    }

    // The same as-of over the same data: the same bytes.
    Run again = evidence(dir.resolve("again"), "--as-of", asOf.toString());
    assertThat(again.markdown()).isEqualTo(md);
    assertThat(again.html()).isEqualTo(html);

    // An as-of before the data: the period holds none of it.
    Run before = evidence(dir.resolve("before"), "--as-of", asOf.minus(Duration.ofHours(2)).toString());
    assertThat(table(before.markdown(), "Redaction of secrets and personal data")).isEmpty();
    assertThat(table(before.markdown(), "Alerts raised")).isEmpty();
    assertThat(before.markdown()).contains("## 6. Clock synchronization: MET");

    // Retention drift made by hand: that store's verdict turns to drift, and the plan says so.
    try (Admin admin = Admin.create(client())) {
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "store.sentry"),
          List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET))))
          .all().get();
    }
    Run drift = evidence(dir.resolve("drift"), "--as-of", asOf.toString());
    assertThat(table(drift.markdown(), "Retention per store")).extracting(r -> r.get(0), r -> r.get(4), r -> r.get(6))
        .containsExactly(tuple("Better Stack", "2592000000 (30 days)", "matches"),
            tuple("Sentry", "86400000 (1 day)", "drift (retention.ms)"),
            tuple("PostHog", "220752000000 (7 years)", "matches"),
            tuple("Langfuse", "-1 (unlimited)", "matches"));
    assertThat(drift.markdown()).contains("**Retention per store**: Sentry: store.sentry has retention.ms 86400000, "
        + "the policy says 7776000000 (90d).", "## 3. Topic drift from the policy: FINDING");
    assertThat(table(drift.markdown(), "Topic drift from the policy"))
        .containsExactly(List.of("alter", "store.sentry", "retention.ms", "86400000", "7776000000"));
  }

  @Test
  void transitFromAPlaintextConfigIsAFindingWithTheBrokersListenersObserved(@TempDir Path dir) throws Exception {
    // The pipeline's deployment config for this broker, plaintext, with secrets beside it that must not leak.
    String jaasPassword = "Jp" + random(16);
    String keystorePassword = "Kp" + random(16);
    String registryPassword = "Rp" + random(16);
    String pemBody = "MII" + random(40);
    Files.writeString(dir.resolve("registry-password"), registryPassword + "\n", StandardCharsets.UTF_8);
    Path config = dir.resolve("logwarden.yaml");
    Files.writeString(config, """
        kafka:
          bootstrap.servers: %s
          security.protocol: PLAINTEXT
          sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="lw" password="%s";'
          ssl.keystore.password: %s
          ssl.keystore.key: |
            -----BEGIN PRIVATE KEY-----
            %s
            -----END PRIVATE KEY-----
        schema_registry:
          url: http://127.0.0.1:18081
          basic_auth: {username: logwarden, password_file: registry-password}
        """.formatted(KAFKA.get().bootstrapServers(), jaasPassword, keystorePassword, pemBody), StandardCharsets.UTF_8);

    Run run = evidence(dir.resolve("out"), "--config", config.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("FINDING transit: Kafka (every client): security.protocol is PLAINTEXT",
        "FINDING transit: schema registry: schema_registry.url is http, not https");
    String md = run.markdown();
    assertThat(md).contains("## 9. Encryption in transit and authentication: FINDING");
    List<List<String>> rows = table(md, "Encryption in transit and authentication");
    assertThat(rows).filteredOn(r -> !r.get(0).startsWith("broker")).containsExactly(
        List.of("Kafka (every client)", KAFKA.get().bootstrapServers(), "none (PLAINTEXT)", "none", "finding"),
        List.of("schema registry", "http://127.0.0.1:18081", "none (http)", "basic auth", "finding"));
    // This broker has no authorizer, so the report's principal sees its listeners: plaintext, anyone connects.
    assertThat(rows).filteredOn(r -> r.get(0).startsWith("broker")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get(4)).isEqualTo("observed"))
        .anySatisfy(r -> assertThat(r.subList(2, 4)).containsExactly("none (PLAINTEXT)",
            "none: any client connects, as User:ANONYMOUS"));
    assertThat(md).contains("This report itself connected with security.protocol PLAINTEXT (not set)");
    for (String text : List.of(md, run.html())) {
      assertNoPieceOf(List.of(jaasPassword, keystorePassword, registryPassword, pemBody), text);
      assertThat(text).doesNotContain("BEGIN PRIVATE KEY");
    }
  }

  @Test
  void aWindowReadsTheRecordsAfterItsStartUpToItsEndInclusive() throws Exception {
    String topic = "window.test";
    try (Admin admin = Admin.create(client())) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    Properties props = new Properties();
    props.putAll(client());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int i = 1; i <= 10; i++) {
        producer.send(new ProducerRecord<>(topic, i % 2, i * 1000L, null, Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
      }
      // Out of time order at the end of partition 0: found although it is after the window's first offset.
      producer.send(new ProducerRecord<>(topic, 0, 4500L, null, "late".getBytes(StandardCharsets.UTF_8)));
    }
    List<String> seen = new ArrayList<>();
    try (TopicReader reader = new TopicReader(client())) {
      reader.readWindow(List.of(topic, "no.such.topic"), Instant.ofEpochMilli(3000), Instant.ofEpochMilli(6000), TIMEOUT,
          record -> seen.add(new String(record.value(), StandardCharsets.UTF_8)));
    }
    assertThat(seen).containsExactlyInAnyOrder("4", "5", "6", "late");
    try (Admin admin = Admin.create(client())) {
      assertThat(admin.listTopics().names().get()).as("reading never creates a topic").doesNotContain("no.such.topic");
    }
  }

  // --- counts made here, from the topics, without the evidence package --------------------------------

  private static Map<String, List<String>> countRedactions() {
    Deserializer<LogEvent> events = LogwardenSerdes.logEvent().deserializer();
    Set<String> seen = new HashSet<>();
    Map<String, long[]> rules = new TreeMap<>();
    List<String> stores = POLICY.stores().values().stream().map(Store::topic).toList();
    try (TopicReader reader = new TopicReader(client())) {
      reader.readAll(stores, TIMEOUT).forEach((topic, records) -> records.forEach(record -> {
        LogEvent event = events.deserialize(topic, record.value());
        if (seen.add(event.getEventId())) {
          event.getRedaction().getRules().forEach((rule, count) -> {
            long[] sums = rules.computeIfAbsent(rule, r -> new long[2]);
            sums[0] += count;
            sums[1]++;
          });
        }
      }));
    }
    Map<String, List<String>> rows = new LinkedHashMap<>();
    rules.forEach((rule, sums) -> rows.put(rule, List.of(Long.toString(sums[0]), Long.toString(sums[1]))));
    return rows;
  }

  private static Map<String, Long> countDeadLetters() {
    Deserializer<DeadLetter> letters = LogwardenSerdes.deadLetter().deserializer();
    Map<String, Long> counts = new TreeMap<>();
    try (TopicReader reader = new TopicReader(client())) {
      for (ConsumerRecord<byte[], byte[]> record : reader.readAll("logs.dlq", TIMEOUT)) {
        DeadLetter letter = letters.deserialize("logs.dlq", record.value());
        counts.merge(letter.getReason() + " " + letter.getOrigin().getTopic(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static Map<String, Long> countAlerts() {
    Deserializer<Alert> alerts = LogwardenSerdes.alert().deserializer();
    Map<String, Alert> latest = new HashMap<>();
    try (TopicReader reader = new TopicReader(client())) {
      for (ConsumerRecord<byte[], byte[]> record : reader.readAll("security.alerts", TIMEOUT)) {
        Alert alert = alerts.deserialize("security.alerts", record.value());
        latest.put(alert.getAlertId(), alert); // one alert id is one partition, read in order
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    latest.values().forEach(a -> counts.merge(a.getRuleId() + " " + a.getSeverity(), 1L, Long::sum));
    return counts;
  }

  private static List<String> withKey(String key, List<String> values) {
    List<String> row = new ArrayList<>();
    row.add(key);
    row.addAll(values);
    return row;
  }

  // --- the pipeline -------------------------------------------------------------------------------------

  private static int produce(Map<String, List<String>> sample) {
    Properties props = new Properties();
    props.putAll(client());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    int count = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (Map.Entry<String, List<String>> source : sample.entrySet()) {
        for (String line : source.getValue()) {
          producer.send(new ProducerRecord<>(POLICY.topics().rawTopic(source.getKey()),
              line.getBytes(StandardCharsets.UTF_8)));
          count++;
        }
      }
      producer.flush();
    }
    return count;
  }

  /** Every raw record has become events or a dead letter, and the alerts have stopped changing. */
  private static void awaitProcessed(int produced) throws InterruptedException {
    PipelineTopics topics = PipelineTopics.from(POLICY);
    Deserializer<LogEvent> events = LogwardenSerdes.logEvent().deserializer();
    Deserializer<DeadLetter> letters = LogwardenSerdes.deadLetter().deserializer();
    List<String> outputs = new ArrayList<>(POLICY.stores().values().stream().map(Store::topic).toList());
    outputs.add(topics.deadLetter().name());
    Instant deadline = Instant.now().plus(TIMEOUT);
    try (TopicReader reader = new TopicReader(client())) {
      Set<String> origins = new HashSet<>();
      while (Instant.now().isBefore(deadline)) {
        origins.clear();
        reader.readAll(outputs, TIMEOUT).forEach((topic, records) -> records.forEach(record -> {
          Origin origin = topic.equals(topics.deadLetter().name())
              ? letters.deserialize(topic, record.value()).getOrigin()
              : events.deserialize(topic, record.value()).getOrigin();
          if (origin.getTopic().startsWith(POLICY.topics().rawPrefix())) {
            origins.add(origin.getTopic() + "/" + origin.getPartition() + "/" + origin.getOffset());
          }
        }));
        if (origins.size() >= produced) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(origins).as("raw records processed").hasSize(produced);
      int last = -1;
      int unchanged = 0;
      while (Instant.now().isBefore(deadline) && unchanged < 6) {
        int count = reader.readAll(topics.alerts().name(), TIMEOUT).size();
        unchanged = count > 0 && count == last ? unchanged + 1 : 0;
        last = count;
        Thread.sleep(500);
      }
      assertThat(unchanged).as("alerts settled").isEqualTo(6);
    }
  }

  // --- reading the report ---------------------------------------------------------------------------------

  /** The cells of the evidence table of the control with this title, unescaped; empty when it has no rows. */
  static List<List<String>> table(String markdown, String title) {
    List<String> lines = markdown.lines().toList();
    int at = 0;
    while (at < lines.size() && !lines.get(at).matches("## \\d+\\. " + Pattern.quote(title) + ": .*")) {
      at++;
    }
    assertThat(at).as("section " + title).isLessThan(lines.size());
    while (!lines.get(at).startsWith("|") && !lines.get(at).equals("No evidence rows.")) {
      at++;
    }
    List<List<String>> rows = new ArrayList<>();
    if (lines.get(at).equals("No evidence rows.")) {
      return rows;
    }
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(cells(lines.get(i)));
    }
    return rows;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cell.append(line.charAt(++i));
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }

  // --- secrets ----------------------------------------------------------------------------------------------

  private static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return out.toString();
  }

  private static List<String> secretsOf(Map<String, List<String>> sample) {
    Set<String> found = new TreeSet<>();
    for (List<String> lines : sample.values()) {
      for (String line : lines) {
        for (Pattern pattern : SAMPLE_SECRETS) {
          Matcher matcher = pattern.matcher(line);
          while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
          }
        }
      }
    }
    // The loopback address is in the sample and is also the test broker's address, which the report names.
    found.remove("127.0.0.1");
    assertThat(found).as("the sample's secrets and personal data").hasSizeGreaterThan(20);
    return new ArrayList<>(found);
  }

  private static void assertNoPieceOf(List<String> secrets, String text) {
    for (String secret : secrets) {
      assertThat(text).as("a planted value").doesNotContain(secret);
      for (int i = 0; i + 12 <= secret.length(); i++) {
        assertThat(text).as("a 12-character piece of a planted value").doesNotContain(secret.substring(i, i + 12));
      }
    }
  }
}
