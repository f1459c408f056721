package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A corpus with planted secrets and personal data through both topologies on a real broker: no
 * planted value, and no 12-character piece of one, appears in any output topic, the DLQ, or the
 * application's own log output.
 */
class RedactionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path stateDir;

  private static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void plantedSecretsAndPersonalDataNeverLeaveThePipeline() throws Exception {
    String awsKeyId = "AK" + "IA" + random(UPPER_DIGITS, 16);
    String githubPat = "gh" + "p_" + random(ALNUM, 36);
    String jwt = "ey" + "J" + random(ALNUM, 30) + "." + "ey" + "J" + random(ALNUM, 40) + "." + random(ALNUM, 43);
    String urlPassword = "Pw" + random(ALNUM, 14);
    String bearer = random(ALNUM, 40);
    String dbPassword = "Db" + random(ALNUM, 14);
    String email = "carol." + random("abcdefghijklmnop", 8) + "@example.com";
    String attackerIp = "203.0.113." + (10 + RANDOM.nextInt(200));
    // Shapes beyond the fast path's own: a community rule's provider, a store's own key, a value of several
    // words, markup, a pair split across fields, a header naming the secret, a base64 credential.
    String shopify = "shp" + "at_" + random("0123456789abcdef", 32);
    String posthog = "ph" + "x_" + random(ALNUM, 43);
    String passphrase = "correct " + random("abcdefghijklmnop", 9) + " battery " + random("abcdefghijklmnop", 8);
    String xmlPassword = "Xm" + random(ALNUM, 16);
    String splitApiKey = random(ALNUM, 32);
    String headerNamed = random(ALNUM, 28);
    String basicPassword = "Bp" + random(ALNUM, 14);
    String basicBlob = java.util.Base64.getEncoder().encodeToString(("svc-orders:" + basicPassword).getBytes(StandardCharsets.UTF_8));
    List<String> planted = List.of(awsKeyId, githubPat, jwt, urlPassword, bearer, dbPassword, email, attackerIp,
        shopify, posthog, passphrase, xmlPassword, splitApiKey, headerNamed, basicPassword, basicBlob);

    List<String> lines = List.of(
        "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"ERROR\",\"message\":\"AWS call failed with key " + awsKeyId
            + "\",\"user\":{\"email\":\"" + email + "\"},\"password\":\"" + dbPassword + "\"}",
        "<38>Nov 27 08:14:05 bastion-1 sshd[20817]: Failed password for root from " + attackerIp + " port 52114 ssh2",
        "ts=2026-11-27T08:14:06Z level=info msg=\"calling partner\" url=https://svc:" + urlPassword
            + "@partner.example.net/v2 token=" + githubPat,
        "GET /api/orders with Authorization: Bearer " + bearer + " from " + email,
        "{\"@timestamp\":\"2026-11-27T08:14:07Z\",\"level\":\"WARN\",\"message\":\"session " + jwt + "\"}",
        "2026-11-27T08:14:09Z INFO shop sync using " + shopify + " and analytics key " + posthog,
        "2026-11-27T08:14:10Z WARN db password: " + passphrase,
        "2026-11-27T08:14:11Z ERROR SOAP fault for <wsse:Password Type=\"PasswordText\">" + xmlPassword + "</wsse:Password>",
        "{\"@timestamp\":\"2026-11-27T08:14:12Z\",\"message\":\"partner call\",\"headers\":[{\"name\":\"X-Api-Key\",\"value\":\""
            + splitApiKey + "\"}]}",
        "<34>1 2026-11-27T08:14:13Z web-1 orders 1234 API_KEY - " + headerNamed,
        "2026-11-27T08:14:14Z DEBUG upstream credentials " + basicBlob,
        // Cannot be parsed: goes to the DLQ, where it must be redacted too.
        "{\"@timestamp\":\"2026-11-27T08:14:08Z\",\"message\":\"cut " + githubPat + " " + email + " password=" + dbPassword
            + " " + shopify + " <password>" + xmlPassword + "</password>");

    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appLog = new ListAppender<>();
    appLog.start();
    root.addAppender(appLog);
    ch.qos.logback.classic.Level level = root.getLevel();
    // The pipeline's own log lines at DEBUG must carry no content either.
    ((Logger) LoggerFactory.getLogger("io.logwarden")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      try (PipelineRuntime runtime = new PipelineRuntime(LogwardenConfig.local(cluster.bootstrapServers(), stateDir),
          POLICY, new SimpleMeterRegistry())) {
        runtime.provisionTopics();
        try (Admin admin = Admin.create(client)) {
          new TopicProvisioner(admin, 1, (short) -1, new SimpleMeterRegistry()).provisionRawTopics(List.of("logs.raw.mixed"));
        }
        runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
        assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();
        Properties props = new Properties();
        props.putAll(client);
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
          for (String line : lines) {
            producer.send(new ProducerRecord<>("logs.raw.mixed", line.getBytes(StandardCharsets.UTF_8)));
          }
        }
        List<String> outputs = new ArrayList<>(POLICY.outputTopics().stream().map(t -> t.name()).toList());
        try (TopicReader reader = new TopicReader(client)) {
          await().atMost(TIMEOUT).until(() -> reader.readAll("store.betterstack", TIMEOUT).size() == 11
              && reader.readAll("logs.dlq", TIMEOUT).size() == 1);
          List<String> written = new ArrayList<>();
          reader.readAll(outputs, TIMEOUT).values().forEach(records -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
              written.add(text(record.key()));
              written.add(text(record.value()));
              record.headers().forEach(h -> written.add(h.key() + "=" + text(h.value())));
            }
          });
          String all = String.join("\n", written);
          assertThat(all).contains("[REDACTED:");
          assertNoPieceOf(planted, all, "output topics and DLQ");
        }
      }
    } finally {
      root.detachAppender(appLog);
      ((Logger) LoggerFactory.getLogger("io.logwarden")).setLevel(null);
      root.setLevel(level);
    }
    StringBuilder log = new StringBuilder();
    appLog.list.forEach(event -> log.append(event.getFormattedMessage()).append('\n')
        .append(event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()).append('\n'));
    assertThat(log).isNotEmpty();
    assertNoPieceOf(planted, log.toString(), "the application's log");
  }

  private static void assertNoPieceOf(List<String> planted, String haystack, String where) {
    for (String secret : planted) {
      for (int i = 0; i + 12 <= secret.length(); i++) {
        String piece = secret.substring(i, i + 12);
        assertThat(haystack).as("a 12-character piece of a planted value in " + where).doesNotContain(piece);
      }
      if (secret.length() < 12) {
        assertThat(haystack).as("a planted value in " + where).doesNotContain(secret);
      }
    }
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
