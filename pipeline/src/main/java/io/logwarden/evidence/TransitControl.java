package io.logwarden.evidence;

import io.logwarden.notify.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encryption in transit and authentication: every connection the pipeline makes, from its
 * deployment config ({@code --config}): its Kafka clients (the {@code kafka:} properties, and Kafka
 * Streams' per-client overrides), its schema registry and its notify destinations. MET when every
 * Kafka and registry connection is TLS with client authentication (mutual TLS, or SASL over TLS;
 * registry credentials or a client certificate) and every destination is https; a FINDING for a
 * plaintext or unauthenticated connection or TLS without hostname verification; NOT_EVIDENCED
 * without the config, or while a connection is undecided (a config-provider reference in a deciding
 * key, a destination URL that is a secret not read). The brokers' listeners, where the report's
 * principal may read them, and the report's own connection are observations, never the verdict.
 * Values are never resolved, and only those of keys that hold no secret are shown.
 */
public final class TransitControl {

  static final String ID = "transit";
  static final String TITLE = "Encryption in transit and authentication";
  static final String POLICY_TEXT = "botBrains restricts access to log data to the LogAdmin role under least privilege, "
      + "and authentication and access reviews follow the Access Control Policy. botBrains encrypts log data in transit "
      + "and at rest per the Cryptography Policy.";
  private static final List<String> ISO = List.of("A 8.15", "A 8.24", "A 8.5");
  private static final List<String> COLUMNS = List.of("connection", "endpoint", "encryption", "authentication",
      "verdict");

  private TransitControl() {}

  /** Without the deployment config, the report cannot see how the pipeline connects. */
  public static Control notEvidenced() {
    EvidenceTable table = EvidenceTable.of("why not evidenced here", "evidence to look for")
        .row("How the pipeline connects is in its deployment config (the kafka: client properties, schema_registry: and "
                + "notify:), which this report was not given (evidence --config logwarden.yaml).",
            "The deployment's logwarden.yaml (security.protocol, sasl.mechanism, ssl.keystore.*, "
                + "ssl.endpoint.identification.algorithm, the registry and destination URLs) and the brokers' "
                + "listeners (listener.security.protocol.map, ssl.client.auth).")
        .build();
    return new Control("not-evidenced." + ID, TITLE, ISO, POLICY_TEXT, Verdict.NOT_EVIDENCED,
        "Not visible to this report; the table says why, and where its evidence comes from.", table, null, List.of());
  }

  /**
   * @param connections the pipeline's connections, from its deployment config
   * @param listeners the brokers' listeners as the report's principal sees them, or why not
   * @param reportClient the client properties this report itself connected with (its {@code --command-config}):
   *     only its security protocol is named, as an observation
   */
  public static Control of(PipelineConnections connections, BrokerListeners listeners, Map<String, ?> reportClient) {
    List<ConnectionCheck> judged = new ArrayList<>(KafkaClientSecurity.checks(connections.kafka()));
    connections.registry().ifPresent(registry -> judged.add(HttpConnectionSecurity.registry(registry)));
    for (Destination destination : connections.notifications().destinations().values()) {
      judged.add(HttpConnectionSecurity.destination(destination));
    }
    EvidenceTable.Builder table = EvidenceTable.of(COLUMNS.toArray(String[]::new));
    List<String> findings = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    long met = 0;
    for (ConnectionCheck check : judged) {
      table.row(check.connection(), check.endpoint(), check.encryption(), check.authentication(), check.outcome().word());
      findings.addAll(check.findings());
      undecided.addAll(check.undecided());
      met += check.outcome() == ConnectionCheck.Outcome.MET ? 1 : 0;
    }
    for (ConnectionCheck listener : listeners.listeners()) {
      table.row(listener.connection(), listener.endpoint(), listener.encryption(), listener.authentication(),
          listener.outcome().word());
    }
    Verdict verdict = !findings.isEmpty() ? Verdict.FINDING : !undecided.isEmpty() ? Verdict.NOT_EVIDENCED : Verdict.MET;
    long finding = judged.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.FINDING).count();
    long notEvidenced = judged.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.NOT_EVIDENCED).count();
    List<BarChart.Bar> bars = List.of(BarChart.Bar.of("met", met), BarChart.Bar.of("finding", finding),
        BarChart.Bar.of("not evidenced", notEvidenced));

    StringBuilder basis = new StringBuilder("The deployment config given with --config, read as the pipeline's clients "
        + "would use it, without resolving any config-provider reference or reading any secret: the kafka: client "
        + "properties (security.protocol, sasl.mechanism, ssl.endpoint.identification.algorithm, and which "
        + "ssl.keystore.* keys are set; Kafka Streams' consumer., producer. and admin. overrides as connections of "
        + "their own), the schema_registry: URL and which credentials it names, and each notify destination's URL. "
        + "MET needs TLS with client authentication (a client certificate, or SASL) on every Kafka and registry "
        + "connection and https to every destination. Environment overrides where the pipeline runs "
        + "(LOGWARDEN_SCHEMA_REGISTRY_URL) are not visible here. ");
    if (!undecided.isEmpty()) {
      basis.append("Not judged here: ").append(String.join(" ", undecided)).append(' ');
    }
    basis.append(listeners.note() != null ? listeners.note()
        : "Broker listeners as the brokers describe them to this report's principal are listed as observations: a "
            + "client certificate authenticates only where its listener requires one (ssl.client.auth=required).");
    basis.append(" This report itself connected with security.protocol ").append(reportProtocol(reportClient))
        .append(" (its --command-config: the auditor's connection, not the pipeline's; it does not decide the "
            + "verdict).");
    return new Control(ID, TITLE, ISO, POLICY_TEXT, verdict, basis.toString(), table.build(),
        new BarChart("The pipeline's connections by verdict", bars), findings);
  }

  private static String reportProtocol(Map<String, ?> client) {
    Object written = client.get(KafkaClientSecurity.PROTOCOL);
    if (written == null) {
      return "PLAINTEXT (not set)";
    }
    String protocol = written.toString().strip().toUpperCase(Locale.ROOT);
    if (KafkaClientSecurity.isReference(written.toString())) {
      return "from a config-provider reference";
    }
    return List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol) ? protocol
        : "that is not one of Kafka's";
  }
}
