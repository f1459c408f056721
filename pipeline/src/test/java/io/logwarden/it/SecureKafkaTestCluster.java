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
import org.apache.kafka.common.security.plain.PlainLoginModule;
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

  private final KafkaClusterTestKit cluster;
  private final Set<String> users;

  private SecureKafkaTestCluster(KafkaClusterTestKit cluster, Set<String> users) {
    this.cluster = cluster;
    this.users = users;
  }

  /**
   * Formats and starts the cluster and waits until its broker is ready.
   *
   * @param extraUsers users to know besides {@link #DEFAULT_USERS}
   */
  public static SecureKafkaTestCluster start(String... extraUsers) throws Exception {
    Set<String> users = new LinkedHashSet<>(DEFAULT_USERS);
    users.addAll(List.of(extraUsers));
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
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("sasl.enabled.mechanisms", MECHANISM)
        .setConfigProp("sasl.mechanism.inter.broker.protocol", MECHANISM)
        .setConfigProp("sasl.mechanism.controller.protocol", MECHANISM)
        // Per-listener JAAS configs: they take precedence over the JVM-wide JAAS file the test kit
        // writes for its own fixed users, and give both sides of the node's own connections.
        .setConfigProp(listenerJaasConfigKey(nodes.brokerListenerName()), serverJaas)
        .setConfigProp(listenerJaasConfigKey(nodes.controllerListenerName()), serverJaas)
        .setConfigProp("authorizer.class.name", StandardAuthorizer.class.getName())
        .setConfigProp("allow.everyone.if.no.acl.found", "false")
        .setConfigProp("super.users", "User:" + ADMIN + ";User:" + NODE_USER)
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
    return new SecureKafkaTestCluster(cluster, Set.copyOf(users));
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
    cluster.close();
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
