package io.logwarden.evidence;

import io.logwarden.cluster.KafkaClientProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the pipeline's Kafka clients connect, judged from their properties as Kafka reads them
 * ({@code security.protocol} trimmed and in any case; unset is PLAINTEXT; {@code sasl.mechanism}
 * GSSAPI by default; {@code ssl.endpoint.identification.algorithm} https by default, hostname
 * verification off when empty; a client keystore as a file, or as a PEM key with its certificate
 * chain under {@code ssl.keystore.type} PEM). No value is resolved or shown except those of the keys
 * that hold no secret; a config-provider reference in a deciding key leaves the connection undecided.
 */
final class KafkaClientSecurity {

  static final String PROTOCOL = "security.protocol";
  static final String MECHANISM = "sasl.mechanism";
  static final String HOSTNAME_CHECK = "ssl.endpoint.identification.algorithm";
  static final String KEYSTORE_LOCATION = "ssl.keystore.location";
  static final String KEYSTORE_KEY = "ssl.keystore.key";
  static final String KEYSTORE_CHAIN = "ssl.keystore.certificate.chain";
  static final String KEYSTORE_TYPE = "ssl.keystore.type";
  /** The keys that decide a connection's verdict; a client-prefixed override of one is its own connection. */
  static final List<String> DECIDING = List.of(PROTOCOL, MECHANISM, HOSTNAME_CHECK, KEYSTORE_LOCATION, KEYSTORE_KEY,
      KEYSTORE_CHAIN, KEYSTORE_TYPE);
  static final String EVERY_CLIENT = "Kafka (every client)";

  /** Kafka's config-provider reference, {@code ${provider:[path:]key}}, as its ConfigTransformer matches it. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*?:(?:[^}]*?:)?[^}]*?\\}");
  /** A mechanism name as Kafka's are written (SCRAM-SHA-512, OAUTHBEARER); anything else is not repeated. */
  private static final Pattern MECHANISM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  /** A list of host:port, the only shape of bootstrap.servers the report repeats. */
  private static final Pattern SERVERS = Pattern.compile("[A-Za-z0-9._:\\[\\]%, -]{1,500}");

  /**
   * Kafka Streams' clients and the prefixes that override the common properties for them, in the
   * order they apply (Kafka Streams: {@code main.consumer.} over {@code consumer.} over the rest).
   */
  private static final Map<String, List<String>> STREAMS_CLIENTS = streamsClients();

  private KafkaClientSecurity() {}

  /**
   * The common connection, then one per Kafka Streams client whose prefixed overrides change a
   * deciding key ({@code producer.security.protocol: PLAINTEXT} makes the producers a connection of
   * their own).
   */
  static List<ConnectionCheck> checks(Map<String, String> kafka) {
    List<ConnectionCheck> checks = new ArrayList<>();
    checks.add(judge(EVERY_CLIENT, kafka));
    // Clients whose overrides come to the same settings share a row (consumer. alone moves all three consumers).
    Map<Map<String, String>, List<String>> clientsBySettings = new LinkedHashMap<>();
    Map<Map<String, String>, Set<String>> prefixesBySettings = new LinkedHashMap<>();
    STREAMS_CLIENTS.forEach((client, prefixes) -> {
      Map<String, String> deciding = new TreeMap<>();
      Set<String> used = new LinkedHashSet<>();
      for (String key : DECIDING) {
        if (kafka.containsKey(key)) {
          deciding.put(key, kafka.get(key));
        }
        for (String prefix : prefixes) {
          if (kafka.containsKey(prefix + key)) {
            deciding.put(key, kafka.get(prefix + key));
            used.add(prefix);
          }
        }
      }
      if (!used.isEmpty() && DECIDING.stream().anyMatch(key -> !Objects.equals(deciding.get(key), kafka.get(key)))) {
        clientsBySettings.computeIfAbsent(deciding, d -> new ArrayList<>()).add(client);
        prefixesBySettings.computeIfAbsent(deciding, d -> new LinkedHashSet<>()).addAll(used);
      }
    });
    clientsBySettings.forEach((deciding, clients) -> {
      Map<String, String> effective = new LinkedHashMap<>(kafka);
      DECIDING.forEach(effective::remove);
      effective.putAll(deciding);
      checks.add(judge("Kafka Streams " + String.join(", ", clients) + " (" + String.join(", ",
          prefixesBySettings.get(deciding)) + " overrides)", effective));
    });
    return checks;
  }

  /** One client's connection from its effective properties. */
  static ConnectionCheck judge(String connection, Map<String, String> props) {
    String endpoint = endpoint(props.get("bootstrap.servers"));
    List<String> findings = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    String written = props.get(PROTOCOL);
    if (isReference(written)) {
      undecided.add(connection + ": " + PROTOCOL + " is a config-provider reference, resolved only where the pipeline "
          + "runs; this report resolves none, so the protocol is not visible here.");
      return ConnectionCheck.judged(connection, endpoint, "not visible", "not visible", findings, undecided);
    }
    String protocol = written == null ? "PLAINTEXT" : written.strip().toUpperCase(Locale.ROOT);
    String encryption;
    String authentication;
    switch (protocol) {
      case "PLAINTEXT" -> {
        encryption = "none (PLAINTEXT)";
        authentication = "none";
        findings.add(connection + ": " + (written == null ? PROTOCOL + " is not set, so Kafka's default PLAINTEXT"
            : PROTOCOL + " is PLAINTEXT") + ": records travel unencrypted and the brokers do not authenticate the "
            + "pipeline.");
      }
      case "SASL_PLAINTEXT" -> {
        encryption = "none (SASL_PLAINTEXT)";
        findings.add(connection + ": " + PROTOCOL + " is SASL_PLAINTEXT: the pipeline authenticates, but records (and, "
            + "with the PLAIN mechanism, its password) travel unencrypted.");
        authentication = sasl(connection, props, findings);
      }
      case "SSL" -> {
        encryption = tls(connection, props, findings, undecided);
        String keystore = keystore(connection, props, findings, undecided);
        if (keystore == null) {
          authentication = "none (no client keystore)";
          findings.add(connection + ": " + PROTOCOL + " is SSL without a client keystore (" + KEYSTORE_LOCATION
              + ", or " + KEYSTORE_KEY + " with " + KEYSTORE_CHAIN + " and " + KEYSTORE_TYPE + " PEM): encrypted but not "
              + "authenticated, so the brokers cannot tell the pipeline from any other client.");
        } else {
          authentication = keystore;
        }
      }
      case "SASL_SSL" -> {
        encryption = tls(connection, props, findings, undecided);
        authentication = sasl(connection, props, findings);
        String keystore = keystore(connection, props, findings, undecided);
        if (keystore != null) {
          authentication += "; " + keystore;
        }
      }
      default -> {
        encryption = "not a Kafka protocol";
        authentication = "not a Kafka protocol";
        // The value is not repeated: a key that holds no secret may still hold a pasted one by mistake.
        findings.add(connection + ": " + PROTOCOL + " is not one of Kafka's (PLAINTEXT, SSL, SASL_PLAINTEXT, "
            + "SASL_SSL): the pipeline's clients refuse to start with it.");
      }
    }
    return ConnectionCheck.judged(connection, endpoint, encryption, authentication, findings, undecided);
  }

  private static String tls(String connection, Map<String, String> props, List<String> findings,
      List<String> undecided) {
    String algorithm = props.get(HOSTNAME_CHECK);
    if (algorithm == null) {
      return "TLS, broker's hostname verified (Kafka's default)";
    }
    if (isReference(algorithm)) {
      undecided.add(connection + ": " + HOSTNAME_CHECK + " is a config-provider reference: whether the broker's hostname "
          + "is verified is not visible here.");
      return "TLS, hostname verification not visible";
    }
    if (KafkaClientProperties.hostnameVerificationOff(props)) {
      findings.add(connection + ": " + HOSTNAME_CHECK + " is empty: TLS without checking the broker's identity "
          + "(hostname verification off), so anyone in the path can pose as the broker.");
      return "TLS, broker's hostname NOT verified";
    }
    // https (or the JDK's other one, ldaps); the JDK refuses a handshake under any other name.
    return "TLS, broker's hostname verified";
  }

  private static String sasl(String connection, Map<String, String> props, List<String> findings) {
    String mechanism = props.get(MECHANISM);
    if (mechanism == null) {
      return "SASL GSSAPI (Kafka's default mechanism)";
    }
    if (isReference(mechanism)) {
      return "SASL (its mechanism a config-provider reference)";
    }
    if (mechanism.isBlank()) {
      findings.add(connection + ": " + MECHANISM + " is empty: the clients have no SASL mechanism to authenticate with.");
      return "SASL without a mechanism";
    }
    return MECHANISM_NAME.matcher(mechanism.strip()).matches() ? "SASL " + mechanism.strip() : "SASL (a custom mechanism)";
  }

  /** The client certificate's description, or null for none; a keystore Kafka refuses is a finding. */
  private static String keystore(String connection, Map<String, String> props, List<String> findings,
      List<String> undecided) {
    boolean location = present(props.get(KEYSTORE_LOCATION));
    boolean key = present(props.get(KEYSTORE_KEY));
    boolean chain = present(props.get(KEYSTORE_CHAIN));
    String type = props.get(KEYSTORE_TYPE);
    if (key || chain) {
      if (isReference(type)) {
        undecided.add(connection + ": " + KEYSTORE_TYPE + " is a config-provider reference: whether Kafka takes the "
            + "PEM key and chain as a keystore is not visible here.");
        return "client certificate (PEM key and chain; keystore type not visible)";
      }
      // Kafka takes a key only with its chain, under ssl.keystore.type PEM exactly, and not beside a location.
      if (key && chain && "PEM".equals(type == null ? null : type.strip()) && !location) {
        return "client certificate (mutual TLS: PEM key and certificate chain)";
      }
      findings.add(connection + ": " + KEYSTORE_KEY + " and " + KEYSTORE_CHAIN + " are set without each other, without "
          + KEYSTORE_TYPE + " PEM, or beside " + KEYSTORE_LOCATION + ": Kafka refuses this keystore, so the "
          + "pipeline's clients do not start.");
      return "client keystore that Kafka refuses";
    }
    if (location) {
      return "client certificate (mutual TLS: keystore file)";
    }
    return null;
  }

  /** Whether a value is or holds a config-provider reference (never resolved here). */
  static boolean isReference(String value) {
    return value != null && REFERENCE.matcher(value).find();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String endpoint(String servers) {
    if (servers == null || servers.isBlank()) {
      return "bootstrap.servers not in the file";
    }
    if (isReference(servers)) {
      return "bootstrap.servers from a config-provider reference";
    }
    return SERVERS.matcher(servers.strip()).matches() ? servers.strip() : "bootstrap.servers not shown";
  }

  private static Map<String, List<String>> streamsClients() {
    Map<String, List<String>> clients = new LinkedHashMap<>();
    clients.put("main consumers", List.of("consumer.", "main.consumer."));
    clients.put("restore consumers", List.of("consumer.", "restore.consumer."));
    clients.put("global consumers", List.of("consumer.", "global.consumer."));
    clients.put("producers", List.of("producer."));
    clients.put("admin clients", List.of("admin."));
    return clients;
  }
}
