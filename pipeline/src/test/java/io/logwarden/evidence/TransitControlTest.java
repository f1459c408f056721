package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.logwarden.evidence.PipelineConnections.RegistryConnection;
import io.logwarden.notify.DeliveryPolicy;
import io.logwarden.notify.Destination;
import io.logwarden.notify.NotifySettings;
import io.logwarden.notify.Secret;
import io.logwarden.notify.Trigger;
import io.logwarden.schema.registry.RegistrySettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;

/**
 * Encryption in transit and authentication: MET only when every connection of the pipeline is TLS
 * with client authentication (https for destinations); a FINDING per plaintext or unauthenticated
 * connection and per TLS without hostname verification; NOT_EVIDENCED without the config or where a
 * deciding value is not visible. Where Kafka's reading of a property decides, the test asks Kafka.
 */
class TransitControlTest {

  private static final BrokerListeners NO_LISTENERS = BrokerListeners.notShown(BrokerListeners.DENIED);
  private static final Map<String, Object> REPORT_CLIENT = Map.of("bootstrap.servers", "kafka:9093");
  private static final String SCRAM_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
      + "username=\"logwarden\" password=\"${env:KAFKA_PASSWORD}\";";

  private static Map<String, String> kafka(String... keysAndValues) {
    Map<String, String> kafka = new LinkedHashMap<>();
    kafka.put("bootstrap.servers", "kafka-0.kafka:9093,kafka-1.kafka:9093");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      kafka.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return kafka;
  }

  private static Control of(Map<String, String> kafka) {
    return of(kafka, Optional.empty(), NotifySettings.none());
  }

  private static Control of(Map<String, String> kafka, Optional<RegistryConnection> registry, NotifySettings notify) {
    return TransitControl.of(new PipelineConnections(kafka, registry, notify), NO_LISTENERS, REPORT_CLIENT);
  }

  private static Map<String, String> saslSsl() {
    return kafka("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", SCRAM_JAAS);
  }

  private static List<String> row(Control control, String connection) {
    return control.table().rows().stream().filter(r -> r.get(0).equals(connection)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + connection + " in " + control.table().rows()));
  }

  private static NotifySettings destinations(Destination... destinations) {
    Map<String, Destination> byName = new LinkedHashMap<>();
    for (Destination destination : destinations) {
      byName.put(destination.name(), destination);
    }
    return new NotifySettings(byName, List.of());
  }

  private static Destination destination(String name, Destination.Target target) {
    return new Destination(name, EnumSet.of(Trigger.OPEN), DeliveryPolicy.defaults(null), target);
  }

  // --- Kafka ------------------------------------------------------------------------------------------

  @Test
  void saslOverTlsWithAMechanismIsMet() {
    Control control = of(saslSsl());
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(control.id()).isEqualTo("transit");
    assertThat(control.findings()).isEmpty();
    assertThat(row(control, "Kafka (every client)")).containsExactly("Kafka (every client)",
        "kafka-0.kafka:9093,kafka-1.kafka:9093", "TLS, broker's hostname verified (Kafka's default)", "SASL SCRAM-SHA-512",
        "met");
  }

  @Test
  void lowerCaseProtocolIsKafkasOwnAndJudgedTheSame() {
    // Kafka reads security.protocol in any case and trimmed: the clients take "sasl_ssl".
    assertThatCode(() -> new AdminClientConfig(Map.of("bootstrap.servers", "k:9093", "security.protocol", " sasl_ssl ")))
        .doesNotThrowAnyException();
    Control control = of(kafka("security.protocol", " sasl_ssl ", "sasl.mechanism", "OAUTHBEARER"));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(control, "Kafka (every client)").get(3)).isEqualTo("SASL OAUTHBEARER");
  }

  @Test
  void saslOverTlsWithoutAMechanismIsKafkasDefaultGssapi() {
    assertThat(new AdminClientConfig(Map.of("bootstrap.servers", "k:9093")).getString("sasl.mechanism"))
        .isEqualTo("GSSAPI");
    Control control = of(kafka("security.protocol", "SASL_SSL"));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(control, "Kafka (every client)").get(3)).isEqualTo("SASL GSSAPI (Kafka's default mechanism)");
  }

  @Test
  void saslOverTlsWithAnEmptyMechanismIsAFinding() {
    Control control = of(kafka("security.protocol", "SASL_SSL", "sasl.mechanism", ""));
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString().contains("sasl.mechanism is empty");
  }

  @Test
  void tlsWithAClientKeystoreIsMutualTlsAndMet() {
    Control control = of(kafka("security.protocol", "SSL", "ssl.keystore.location", "/etc/kafka/client.p12",
        "ssl.keystore.password", "${file:/etc/kafka/secrets.properties:keystore.password}"));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(control, "Kafka (every client)").get(3)).isEqualTo("client certificate (mutual TLS: keystore file)");
  }

  @Test
  void tlsWithoutAKeystoreIsNotAuthenticated() {
    // A truststore is no client certificate: the brokers still cannot tell who connects.
    Control control = of(kafka("security.protocol", "SSL", "ssl.truststore.location", "/etc/kafka/ca.p12"));
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString()
        .startsWith("Kafka (every client): security.protocol is SSL without a client keystore")
        .contains("not authenticated");
    assertThat(row(control, "Kafka (every client)").get(4)).isEqualTo("finding");
  }

  @Test
  void aPemKeyWithItsChainUnderTypePemIsMutualTls() {
    Control control = of(kafka("security.protocol", "SSL", "ssl.keystore.type", "PEM",
        "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----",
        "ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----\nMIID...\n-----END CERTIFICATE-----"));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(control, "Kafka (every client)").get(3))
        .isEqualTo("client certificate (mutual TLS: PEM key and certificate chain)");
    // A PEM file as the location is a keystore too.
    assertThat(of(kafka("security.protocol", "SSL", "ssl.keystore.type", "PEM", "ssl.keystore.location",
        "/etc/kafka/client.pem")).verdict()).isEqualTo(Verdict.MET);
  }

  @Test
  void aPemTypeAloneOrAKeyKafkaRefusesIsNoClientCertificate() {
    // The type alone names no key.
    assertThat(of(kafka("security.protocol", "SSL", "ssl.keystore.type", "PEM")).findings()).singleElement().asString()
        .contains("not authenticated");
    // Kafka takes a PEM key only under ssl.keystore.type PEM (its default type is JKS).
    Map<String, Object> jks = new HashMap<>(Map.of("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
        "ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----"));
    Throwable refused = catchThrowable(() -> {
      try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
        factory.configure(new AdminClientConfig(withBootstrap(jks)).values());
      }
    });
    while (refused != null && refused.getCause() != null) {
      refused = refused.getCause();
    }
    assertThat(refused).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("only for PEM");
    Control control = of(kafka("security.protocol", "SSL", "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
        "ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----"));
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString().contains("Kafka refuses this keystore");
    // A key without its chain, under PEM.
    assertThat(of(kafka("security.protocol", "SSL", "ssl.keystore.type", "PEM", "ssl.keystore.key", "k")).verdict())
        .isEqualTo(Verdict.FINDING);
  }

  private static Map<String, Object> withBootstrap(Map<String, Object> props) {
    Map<String, Object> all = new HashMap<>(props);
    all.put("bootstrap.servers", "k:9093");
    return all;
  }

  @Test
  void anEmptyEndpointIdentificationAlgorithmIsTlsWithoutCheckingTheBroker() {
    // Kafka trims the value: blank is empty, and empty turns hostname verification off.
    assertThat(new AdminClientConfig(Map.of("bootstrap.servers", "k:9093", "ssl.endpoint.identification.algorithm",
        "  ")).getString("ssl.endpoint.identification.algorithm")).isEmpty();
    for (String off : List.of("", "  ")) {
      Map<String, String> kafka = saslSsl();
      kafka.put("ssl.endpoint.identification.algorithm", off);
      Control control = of(kafka);
      assertThat(control.verdict()).as("[%s]", off).isEqualTo(Verdict.FINDING);
      assertThat(control.findings()).singleElement().asString()
          .startsWith("Kafka (every client): ssl.endpoint.identification.algorithm is empty")
          .contains("without checking the broker's identity");
      assertThat(row(control, "Kafka (every client)").get(2)).isEqualTo("TLS, broker's hostname NOT verified");
    }
    // Near miss: the default, written out.
    Map<String, String> https = saslSsl();
    https.put("ssl.endpoint.identification.algorithm", "https");
    assertThat(of(https).verdict()).isEqualTo(Verdict.MET);
  }

  @Test
  void plaintextUnsetAndSaslPlaintextAreFindings() {
    Control unset = of(kafka());
    assertThat(unset.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(unset.findings()).singleElement().asString()
        .contains("security.protocol is not set, so Kafka's default PLAINTEXT", "unencrypted");
    assertThat(of(kafka("security.protocol", "PLAINTEXT")).findings()).singleElement().asString()
        .contains("security.protocol is PLAINTEXT");
    Control sasl = of(kafka("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN"));
    assertThat(sasl.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(sasl.findings()).singleElement().asString().contains("SASL_PLAINTEXT", "travel unencrypted");
    assertThat(row(sasl, "Kafka (every client)").subList(2, 4)).containsExactly("none (SASL_PLAINTEXT)", "SASL PLAIN");
  }

  @Test
  void aProtocolThatIsNotKafkasIsAFindingAndNotRepeated() {
    Control control = of(kafka("security.protocol", "TLS-please"));
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString().contains("not one of Kafka's");
    assertThat(String.join(" ", control.findings()) + control.table().rows()).doesNotContain("TLS-please");
  }

  @Test
  void aReferenceInTheProtocolIsNotEvidencedAndNeverShown() {
    Control control = of(kafka("security.protocol", "${env:KAFKA_SECURITY_PROTOCOL}", "sasl.jaas.config", SCRAM_JAAS));
    assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(control.findings()).isEmpty();
    assertThat(control.basis()).contains("Not judged here: Kafka (every client): security.protocol is a "
        + "config-provider reference");
    assertThat(row(control, "Kafka (every client)").get(4)).isEqualTo("not evidenced");
    assertThat(control.basis() + control.table().rows()).doesNotContain("KAFKA_SECURITY_PROTOCOL", "${", "KAFKA_PASSWORD");
  }

  @Test
  void referencesInSecretsAreJudgedByPresenceAndAReferenceInTheHostnameCheckIsUndecided() {
    // Secrets as references are the normal case: they do not keep a connection from being judged.
    Map<String, String> secrets = kafka("security.protocol", "SSL", "ssl.keystore.location", "${env:KEYSTORE_PATH}",
        "ssl.key.password", "${file:/etc/kafka/secrets.properties:key}");
    assertThat(of(secrets).verdict()).isEqualTo(Verdict.MET);
    Map<String, String> check = saslSsl();
    check.put("ssl.endpoint.identification.algorithm", "${env:ALGORITHM}");
    Control undecided = of(check);
    assertThat(undecided.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(undecided.basis()).contains("ssl.endpoint.identification.algorithm is a config-provider reference");
    // A plaintext connection is a finding whatever else is undecided.
    Map<String, String> plaintext = kafka("ssl.endpoint.identification.algorithm", "${env:ALGORITHM}");
    assertThat(of(plaintext).verdict()).isEqualTo(Verdict.FINDING);
  }

  @Test
  void aKafkaStreamsClientOverrideIsAConnectionOfItsOwn() {
    Map<String, String> kafka = saslSsl();
    kafka.put("producer.security.protocol", "PLAINTEXT");
    kafka.put("consumer.ssl.endpoint.identification.algorithm", "");
    Control control = of(kafka);
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.table().rows()).extracting(r -> r.get(0) + " | " + r.get(4)).containsExactly(
        "Kafka (every client) | met",
        "Kafka Streams main consumers, restore consumers, global consumers (consumer. overrides) | finding",
        "Kafka Streams producers (producer. overrides) | finding");
    assertThat(control.findings()).hasSize(2);
    // Near misses: an override equal to the common value, and a prefixed key that decides nothing.
    Map<String, String> same = saslSsl();
    same.put("producer.security.protocol", "SASL_SSL");
    same.put("producer.linger.ms", "5");
    assertThat(of(same).table().rows()).hasSize(1);
  }

  // --- schema registry and destinations -----------------------------------------------------------------

  @Test
  void theRegistryNeedsHttpsAndCredentials() {
    Control basic = of(saslSsl(), Optional.of(new RegistryConnection("https://registry:8081", true, false, false)),
        NotifySettings.none());
    assertThat(basic.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(basic, "schema registry")).containsExactly("schema registry", "https://registry:8081", "TLS (https)",
        "basic auth", "met");
    // URI schemes are case-insensitive: HTTPS is https.
    assertThat(of(saslSsl(), Optional.of(new RegistryConnection("HTTPS://registry:8081", false, true, false)),
        NotifySettings.none()).verdict()).isEqualTo(Verdict.MET);
    assertThat(of(saslSsl(), Optional.of(new RegistryConnection("https://registry:8081", false, false, true)),
        NotifySettings.none()).verdict()).as("a client certificate").isEqualTo(Verdict.MET);

    Control http = of(saslSsl(), Optional.of(new RegistryConnection("http://registry:8081", true, false, false)),
        NotifySettings.none());
    assertThat(http.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(http.findings()).singleElement().asString()
        .contains("schema registry: schema_registry.url is http, not https", "credentials");
    Control anonymous = of(saslSsl(), Optional.of(new RegistryConnection("https://registry:8081", false, false, false)),
        NotifySettings.none());
    assertThat(anonymous.findings()).singleElement().asString().contains("no basic_auth, bearer or tls.keystore");
    Control fromEnvironment = of(saslSsl(), Optional.of(new RegistryConnection(null, true, false, false)),
        NotifySettings.none());
    assertThat(fromEnvironment.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(fromEnvironment.basis()).contains("LOGWARDEN_SCHEMA_REGISTRY_URL");
  }

  @Test
  void aRegistryUrlIsShownWithoutItsPath() {
    RegistrySettings settings = RegistrySettings.builder("https://registry.example:8080/apis/ccompat/v7")
        .basicAuth("logwarden", "registry-password-not-shown").build();
    Control control = of(saslSsl(), Optional.of(RegistryConnection.of(settings)), NotifySettings.none());
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(row(control, "schema registry").get(1)).isEqualTo("https://registry.example:8080");
    assertThat(control.toString()).doesNotContain("registry-password-not-shown", "ccompat");
  }

  @Test
  void destinationsNeedHttpsAndAFileIsNoConnection() {
    Destination pagerDuty = destination("oncall", new Destination.PagerDuty(Secret.unread("file /run/key"),
        Destination.PagerDuty.DEFAULT_ENDPOINT));
    Destination file = destination("siem", new Destination.JsonLinesFile(Path.of("/var/log/alerts.json"), 1024, 1));
    Destination webhook = destination("soar", new Destination.Webhook(Secret.of("environment variable SOAR_URL",
        "https://soar.example/hook/t0ken-in-path"), Map.of(), Map.of("Authorization",
            Secret.unread("environment variable SOAR_TOKEN"))));
    Control control = of(saslSsl(), Optional.empty(), destinations(pagerDuty, file, webhook));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(control.table().rows()).extracting(r -> r.get(0) + " | " + r.get(1) + " | " + r.get(4)).containsExactly(
        "Kafka (every client) | kafka-0.kafka:9093,kafka-1.kafka:9093 | met",
        "notify destination oncall (pagerduty) | https://events.pagerduty.com | met",
        "notify destination siem (file) | a local file | no connection",
        "notify destination soar (webhook) | URL from environment variable SOAR_URL | met");
    assertThat(control.toString()).doesNotContain("t0ken-in-path");

    Destination insecure = destination("oncall", new Destination.PagerDuty(Secret.unread("file /run/key"),
        URI.create("http://pagerduty.internal/v2/enqueue")));
    Control http = of(saslSsl(), Optional.empty(), destinations(insecure));
    assertThat(http.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(http.findings()).singleElement().asString()
        .isEqualTo("notify destination oncall (pagerduty): its endpoint is http, not https: alerts travel unencrypted.");
  }

  @Test
  void aDestinationUrlThatIsAnUnreadSecretIsNotEvidenced() {
    Destination slack = destination("secops", new Destination.Slack(Secret.unread("environment variable SLACK_URL")));
    Control control = of(saslSsl(), Optional.empty(), destinations(slack));
    assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(control.basis()).contains("notify destination secops (slack): its URL is a secret (environment variable "
        + "SLACK_URL) that this report does not read");
    // Read (a test's, or a pipeline's own settings): judged by its scheme, never shown.
    Destination read = destination("secops", new Destination.Slack(Secret.of("environment variable SLACK_URL",
        "http://hooks.example/services/T0/B0/xyz")));
    Control http = of(saslSsl(), Optional.empty(), destinations(read));
    assertThat(http.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(http.toString()).doesNotContain("hooks.example", "xyz");
  }

  // --- without the config, observations ------------------------------------------------------------------

  @Test
  void withoutTheConfigTheControlIsNotEvidencedAndSaysWhy() {
    Control control = TransitControl.notEvidenced();
    assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(control.id()).isEqualTo("not-evidenced.transit");
    assertThat(control.table().rows()).singleElement().satisfies(r -> assertThat(r.get(0)).contains("--config"));
    assertThat(control.chart()).isNull();
  }

  @Test
  void listenersAndTheReportsOwnConnectionAreObservationsOnly() {
    Config broker = new Config(List.of(
        new ConfigEntry("listeners", "PLAINTEXT://:9092,EXTERNAL://kafka-0:9093,SASL_SSL://:9094,CONTROLLER://:9095"),
        new ConfigEntry("listener.security.protocol.map",
            "PLAINTEXT:PLAINTEXT,EXTERNAL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:SSL"),
        new ConfigEntry("controller.listener.names", "CONTROLLER"),
        new ConfigEntry("ssl.client.auth", "none"),
        new ConfigEntry("listener.name.external.ssl.client.auth", "required"),
        new ConfigEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512,OAUTHBEARER")));
    BrokerListeners listeners = new BrokerListeners(BrokerListeners.of("1", broker), null);
    Control control = TransitControl.of(new PipelineConnections(kafka(), Optional.empty(), NotifySettings.none()),
        listeners, Map.of("security.protocol", "SASL_SSL"));
    // The pipeline's plaintext decides, whatever the listeners and the report's own connection.
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).hasSize(1);
    assertThat(control.table().rows()).filteredOn(r -> r.get(0).startsWith("broker"))
        .extracting(r -> String.join(" | ", r)).containsExactly(
            "broker 1 listener PLAINTEXT | :9092 | none (PLAINTEXT) | none: any client connects, as User:ANONYMOUS | observed",
            "broker 1 listener EXTERNAL | kafka-0:9093 | TLS (SSL) | client certificate required (ssl.client.auth=required) "
                + "| observed",
            "broker 1 listener SASL_SSL | :9094 | TLS (SASL_SSL) | SASL required (SCRAM-SHA-512, OAUTHBEARER) | observed",
            "broker 1 listener CONTROLLER (controller) | :9095 | TLS (SSL) | none: any client connects, as "
                + "User:ANONYMOUS (ssl.client.auth=none) | observed");
    assertThat(control.basis()).contains("listed as observations",
        "This report itself connected with security.protocol SASL_SSL", "does not decide the verdict")
        .doesNotContain("DESCRIBE_CONFIGS");
    assertThat(control.chart().bars()).extracting(BarChart.Bar::label, BarChart.Bar::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("met", 0L), org.assertj.core.groups.Tuple.tuple("finding", 1L),
            org.assertj.core.groups.Tuple.tuple("not evidenced", 0L));

    // A met pipeline stays met beside a plaintext listener and a plaintext report connection.
    Control met = TransitControl.of(new PipelineConnections(saslSsl(), Optional.empty(), NotifySettings.none()),
        listeners, Map.of());
    assertThat(met.verdict()).isEqualTo(Verdict.MET);
    assertThat(met.basis()).contains("security.protocol PLAINTEXT (not set)");
  }

  @Test
  void deniedListenersAreOneLineOfTheBasis() {
    Control control = of(saslSsl());
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(control.basis()).contains("Broker listeners not shown: reading them needs DESCRIBE_CONFIGS on the CLUSTER "
        + "resource, which no shipped role of the access matrix holds");
    assertThat(control.table().rows()).noneMatch(r -> r.get(0).startsWith("broker"));
  }
}
