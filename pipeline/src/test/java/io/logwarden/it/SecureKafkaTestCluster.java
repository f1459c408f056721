package io.logwarden.it;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.awaitility.Awaitility;

/**
 * A real single-node KRaft cluster in this JVM (Kafka's own test kit) that authenticates every
 * connection with SASL/PLAIN and authorizes every request with the KRaft {@link StandardAuthorizer}:
 * no ACL, no access ({@code allow.everyone.if.no.acl.found=false}), except for the super user
 * {@value #ADMIN}.
 *
 * <p>The cluster knows the users {@link #DEFAULT_USERS} and whichever extra users a test passes to
 * {@link #start(String...)}; the password of a user is {@link #password(String)}. The node itself
 * talks to its own listeners (broker to controller, and broker to broker, e.g. for transaction
 * markers) as the internal super user {@value #NODE_USER}, so that the test users, {@value #ADMIN}
 * included, are only what the tests make of them.
 *
 * <p>{@link #startWithTls} adds TLS listeners beside the test kit's own (which refuses SSL or
 * SASL_SSL as its main listener), one per {@link Transport}, with certificates from {@link
 * TestCertificates}: mutual TLS (the principal is the client certificate's CN, mapped by {@code
 * ssl.principal.mapping.rules}), SASL_SSL with SCRAM-SHA-512 (credentials created through the admin
 * API) and PLAIN, and TLS with server authentication only ({@code User:ANONYMOUS}). Two more serve
 * certificates a client must refuse ({@link BadListener}).
 */
public final class SecureKafkaTestCluster implements AutoCloseable {

  /** The super user: may do anything without ACLs. */
  public static final String ADMIN = "admin";

  /** The users every secure cluster knows. */
  public static final List<String> DEFAULT_USERS =
      List.of(ADMIN, "logadmin", "analyst", "log-producer", "log-exporter", "logwarden", "logwarden-provisioner",
          "logwarden-notify", "logadmin-replay");

  /** The principal the node uses on its own listeners; a super user like {@value #ADMIN}. */
  static final String NODE_USER = "kafka-node";

  private static final String MECHANISM = "PLAIN";
  private static final String SCRAM = "SCRAM-SHA-512";

  /** How a client reaches the cluster. */
  public enum Transport {
    /** The test kit's own listener: SASL/PLAIN without TLS. */
    SASL_PLAINTEXT(null, SecurityProtocol.SASL_PLAINTEXT),
    /** TLS with a client certificate; the principal is its CN. */
    MUTUAL_TLS("MTLS", SecurityProtocol.SSL),
    /** SASL/SCRAM-SHA-512 over TLS. */
    SCRAM_TLS("SASLSSL", SecurityProtocol.SASL_SSL),
    /** SASL/PLAIN over TLS. */
    PLAIN_TLS("SASLSSL", SecurityProtocol.SASL_SSL),
    /** TLS that authenticates the broker only: every client is {@code User:ANONYMOUS}. */
    SERVER_TLS("TLS", SecurityProtocol.SSL);

    final String listener;
    final SecurityProtocol protocol;

    Transport(String listener, SecurityProtocol protocol) {
      this.listener = listener;
      this.protocol = protocol;
    }
  }

  /** TLS listeners whose certificate a client must refuse (server authentication only behind them). */
  public enum BadListener {
    /** Its certificate expired yesterday. */
    EXPIRED_CERTIFICATE("EXPIRED"),
    /** Its certificate names another host than {@code localhost}. */
    WRONG_HOST("WRONGHOST");

    final String listener;

    BadListener(String listener) {
      this.listener = listener;
    }
  }

  private final KafkaClusterTestKit cluster;
  private final Set<String> users;
  private final Tls tls;

  private SecureKafkaTestCluster(KafkaClusterTestKit cluster, Set<String> users, Tls tls) {
    this.cluster = cluster;
    this.users = users;
    this.tls = tls;
  }

  /** The TLS side of a cluster: its certificate authority, stores and their directory. */
  private record Tls(Path dir, TestCertificates authority, TestCertificates.Store truststore,
      Map<String, TestCertificates.Store> clientKeystores) {}

  /**
   * Formats and starts the cluster and waits until its broker is ready.
   *
   * @param extraUsers users to know besides {@link #DEFAULT_USERS}
   */
  public static SecureKafkaTestCluster start(String... extraUsers) throws Exception {
    return start(true, null, extraUsers);
  }

  /**
   * Formats and starts a cluster with the TLS listeners of every {@link Transport} and {@link
   * BadListener}, and creates each user's SCRAM credentials.
   *
   * @param authorize whether the StandardAuthorizer enforces ACLs (false: server-authenticated TLS,
   *     whose clients have no identity, can be used)
   */
  public static SecureKafkaTestCluster startWithTls(boolean authorize, String... extraUsers) throws Exception {
    Path dir = Files.createTempDirectory("logwarden-tls-");
    TestCertificates authority = TestCertificates.authority(dir, "logwarden-test-ca");
    Set<String> users = users(extraUsers);
    Map<String, TestCertificates.Store> keystores = new java.util.LinkedHashMap<>();
    for (String user : users) {
      keystores.put(user, authority.clientKeystore(user));
    }
    Tls tls = new Tls(dir, authority, authority.truststore(), keystores);
    SecureKafkaTestCluster cluster = start(authorize, tls, extraUsers);
    try {
      cluster.createScramCredentials();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static Set<String> users(String... extraUsers) {
    Set<String> users = new LinkedHashSet<>(DEFAULT_USERS);
    users.addAll(List.of(extraUsers));
    return users;
  }

  private static SecureKafkaTestCluster start(boolean authorize, Tls tls, String... extraUsers) throws Exception {
    Set<String> users = users(extraUsers);
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        // On a PLAINTEXT controller listener the broker registers as User:ANONYMOUS, the authorizer
        // denies it CLUSTER_ACTION and startup fails after a minute.
        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        .build();
    String serverJaas = serverJaasConfig(users);
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    if (tls != null) {
      tlsListeners(builder, nodes, tls, serverJaas);
    }
    // The kit itself sets the StandardAuthorizer on a SASL cluster, with a super user of its own: say
    // which, and turn it off (an empty class name) when not authorizing.
    builder.setConfigProp("authorizer.class.name", authorize ? StandardAuthorizer.class.getName() : "")
        .setConfigProp("allow.everyone.if.no.acl.found", "false")
        .setConfigProp("super.users", "User:" + ADMIN + ";User:" + NODE_USER);
    KafkaClusterTestKit cluster = builder
        .setConfigProp("sasl.enabled.mechanisms", MECHANISM)
        .setConfigProp("sasl.mechanism.inter.broker.protocol", MECHANISM)
        .setConfigProp("sasl.mechanism.controller.protocol", MECHANISM)
        // Per-listener JAAS configs: they take precedence over the JVM-wide JAAS file the test kit
        // writes for its own fixed users, and give both sides of the node's own connections.
        .setConfigProp(listenerJaasConfigKey(nodes.brokerListenerName()), serverJaas)
        .setConfigProp(listenerJaasConfigKey(nodes.controllerListenerName()), serverJaas)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new SecureKafkaTestCluster(cluster, Set.copyOf(users), tls);
  }

  // The kit's own listeners stay as they are (SASL_PLAINTEXT: the authorizer needs the node's
  // identity); clients connect through these, each with its own certificate or mechanisms.
  private static void tlsListeners(KafkaClusterTestKit.Builder builder, TestKitNodes nodes, Tls tls, String plainJaas)
      throws Exception {
    String external = nodes.brokerListenerName().value();
    String controller = nodes.controllerListenerName().value();
    Map<String, SecurityProtocol> extra = new java.util.LinkedHashMap<>();
    extra.put(Transport.MUTUAL_TLS.listener, SecurityProtocol.SSL);
    extra.put(Transport.SCRAM_TLS.listener, SecurityProtocol.SASL_SSL);
    extra.put(Transport.SERVER_TLS.listener, SecurityProtocol.SSL);
    extra.put(BadListener.EXPIRED_CERTIFICATE.listener, SecurityProtocol.SSL);
    extra.put(BadListener.WRONG_HOST.listener, SecurityProtocol.SSL);
    StringBuilder listeners = new StringBuilder(external + "://localhost:0," + controller + "://localhost:0");
    StringBuilder protocols = new StringBuilder(external + ":SASL_PLAINTEXT," + controller + ":SASL_PLAINTEXT");
    extra.forEach((name, protocol) -> {
      listeners.append(',').append(name).append("://localhost:0");
      protocols.append(',').append(name).append(':').append(protocol.name);
    });
    builder.setConfigProp("listeners", listeners.toString())
        .setConfigProp("listener.security.protocol.map", protocols.toString());
    TestCertificates.Store good = tls.authority().serverKeystore("broker", 1, 365, "localhost");
    TestCertificates.Store expired = tls.authority().serverKeystore("broker-expired", 30, -1, "localhost");
    TestCertificates.Store otherHost = tls.authority().serverKeystore("broker-other-host", 1, 365, "kafka.other.example");
    for (String name : extra.keySet()) {
      TestCertificates.Store keystore = name.equals(BadListener.EXPIRED_CERTIFICATE.listener) ? expired
          : name.equals(BadListener.WRONG_HOST.listener) ? otherHost : good;
      String prefix = new ListenerName(name).configPrefix();
      builder.setConfigProp(prefix + "ssl.keystore.location", keystore.path().toString())
          .setConfigProp(prefix + "ssl.keystore.password", keystore.password())
          .setConfigProp(prefix + "ssl.keystore.type", "PKCS12")
          .setConfigProp(prefix + "ssl.truststore.location", tls.truststore().path().toString())
          .setConfigProp(prefix + "ssl.truststore.password", tls.truststore().password())
          .setConfigProp(prefix + "ssl.truststore.type", "PKCS12");
    }
    String mtls = new ListenerName(Transport.MUTUAL_TLS.listener).configPrefix();
    builder.setConfigProp(mtls + "ssl.client.auth", "required")
        // CN=<user>,OU=logwarden-test-clients,... is User:<user>; any other subject keeps its whole DN.
        .setConfigProp(mtls + "ssl.principal.mapping.rules",
            "RULE:^CN=([^,]+),OU=" + TestCertificates.CLIENT_OU + ",.*$/$1/,DEFAULT");
    ListenerName sasl = new ListenerName(Transport.SCRAM_TLS.listener);
    builder.setConfigProp(sasl.configPrefix() + "sasl.enabled.mechanisms", SCRAM + "," + MECHANISM)
        .setConfigProp(sasl.saslMechanismConfigPrefix(SCRAM) + SaslConfigs.SASL_JAAS_CONFIG,
            ScramLoginModule.class.getName() + " required;")
        .setConfigProp(sasl.saslMechanismConfigPrefix(MECHANISM) + SaslConfigs.SASL_JAAS_CONFIG, plainJaas);
  }

  // Each user's SCRAM-SHA-512 credential, with the same password as its PLAIN one; waits until the
  // broker accepts a SCRAM login (the credentials reach it from the metadata log).
  private void createScramCredentials() throws Exception {
    try (Admin admin = Admin.create(clientProperties(ADMIN))) {
      admin.alterUserScramCredentials(users.stream()
          .map(user -> (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
              new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(user,
                  new org.apache.kafka.clients.admin.ScramCredentialInfo(
                      org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096), password(user)))
          .toList()).all().get();
    }
    Awaitility.await("SCRAM logins accepted").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      try (Admin admin = Admin.create(clientProperties(ADMIN, Transport.SCRAM_TLS))) {
        return admin.describeCluster().clusterId().get() != null;
      }
    });
  }

  /** The password of {@code user} on every secure cluster. */
  public static String password(String user) {
    return user + "-secret";
  }

  /** The users this cluster knows. */
  public Set<String> users() {
    return users;
  }

  /** The SASL_PLAINTEXT listener clients connect to. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** The listener of {@code transport}. */
  public String bootstrapServers(Transport transport) {
    return transport.listener == null ? bootstrapServers() : "localhost:" + port(transport.listener);
  }

  /** A listener whose certificate a client must refuse. */
  public String bootstrapServers(BadListener listener) {
    return "localhost:" + port(listener.listener);
  }

  private int port(String listener) {
    if (tls == null) {
      throw new IllegalStateException("this cluster has no TLS listeners: start it with startWithTls");
    }
    return cluster.brokers().values().iterator().next().boundPort(new ListenerName(listener));
  }

  /** The truststore that trusts this cluster's certificate authority. */
  public TestCertificates.Store truststore() {
    return tls().truststore();
  }

  /** The client certificate's keystore of {@code user}, for mutual TLS. */
  public TestCertificates.Store keystore(String user) {
    return tls().clientKeystores().get(user);
  }

  /** The certificate authority of this cluster's certificates (to make stores a test needs). */
  public TestCertificates authority() {
    return tls().authority();
  }

  private Tls tls() {
    if (tls == null) {
      throw new IllegalStateException("this cluster has no TLS listeners: start it with startWithTls");
    }
    return tls;
  }

  /**
   * The properties a client needs to connect as {@code user} over {@code transport}: bootstrap
   * servers, security protocol, the truststore, and the keystore (mutual TLS) or the SASL login.
   * {@link Transport#SERVER_TLS} ignores the user: its clients are anonymous.
   */
  public Map<String, Object> clientProperties(String user, Transport transport) {
    if (transport == Transport.SASL_PLAINTEXT) {
      return clientProperties(user);
    }
    if (!users.contains(user)) {
      throw new IllegalArgumentException("unknown user " + user + "; known: " + users);
    }
    Map<String, Object> props = new java.util.LinkedHashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(transport));
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, transport.protocol.name);
    props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().path().toString());
    props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore().password());
    props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    switch (transport) {
      case MUTUAL_TLS -> {
        TestCertificates.Store keystore = keystore(user);
        props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.path().toString());
        props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
      }
      case SCRAM_TLS -> {
        props.put(SaslConfigs.SASL_MECHANISM, SCRAM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName() + " required username=\"" + user
            + "\" password=\"" + password(user) + "\";");
      }
      case PLAIN_TLS -> {
        props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule(user) + ";");
      }
      default -> { }
    }
    return props;
  }

  /** {@link #clientProperties(String, Transport)} as a {@code --command-config} file in {@code dir}. */
  public Path writeClientConfig(String user, Transport transport, Path dir) throws IOException {
    Properties properties = new Properties();
    properties.putAll(clientProperties(user, transport));
    Path file = dir.resolve(user + "-" + transport.name().toLowerCase(java.util.Locale.ROOT) + ".properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, transport + " client config of " + user);
    }
    return file;
  }

  /**
   * The properties a client needs to connect as {@code user}: bootstrap servers, security protocol,
   * SASL mechanism and JAAS login.
   */
  public Map<String, Object> clientProperties(String user) {
    if (!users.contains(user)) {
      throw new IllegalArgumentException("unknown user " + user + "; known: " + users);
    }
    return Map.of(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
        SaslConfigs.SASL_MECHANISM, MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG, loginModule(user) + ";");
  }

  /**
   * Writes {@link #clientProperties(String)} of {@code user} to {@code <user>.properties} in
   * {@code dir}, the form a {@code --command-config} option reads.
   *
   * @return the file written
   */
  public Path writeClientConfig(String user, Path dir) throws IOException {
    Properties properties = new Properties();
    properties.putAll(clientProperties(user));
    Path file = dir.resolve(user + ".properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "SASL client config of " + user);
    }
    return file;
  }

  /**
   * Creates {@code acls} as {@value #ADMIN} and waits until the broker enforces them: the controller
   * acknowledges ACLs once committed, and the broker's authorizer applies them a moment later.
   */
  public void createAcls(Collection<AclBinding> acls) throws Exception {
    try (Admin admin = Admin.create(clientProperties(ADMIN))) {
      admin.createAcls(acls).all().get();
      Awaitility.await("ACLs enforced by the broker").atMost(Duration.ofSeconds(30))
          .until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      if (tls != null) {
        try (Stream<Path> files = Files.walk(tls.dir())) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }

  private static String listenerJaasConfigKey(ListenerName listener) {
    return listener.saslMechanismConfigPrefix(MECHANISM) + SaslConfigs.SASL_JAAS_CONFIG;
  }

  /** The node logs in as {@value #NODE_USER}; {@code user_<name>} options are the accepted users. */
  private static String serverJaasConfig(Set<String> users) {
    String accepted = Stream.concat(users.stream(), Stream.of(NODE_USER))
        .map(user -> "user_" + user + "=\"" + password(user) + "\"")
        .collect(Collectors.joining(" "));
    return loginModule(NODE_USER) + " " + accepted + ";";
  }

  private static String loginModule(String user) {
    return PlainLoginModule.class.getName() + " required username=\"" + user + "\" password=\""
        + password(user) + "\"";
  }
}
