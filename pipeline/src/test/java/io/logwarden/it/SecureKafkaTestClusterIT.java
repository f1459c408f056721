package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SecureKafkaTestCluster}: SASL logins, and ACLs enforced by the KRaft StandardAuthorizer. */
class SecureKafkaTestClusterIT {

  private static SecureKafkaTestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = SecureKafkaTestCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWrongPasswordIsRejected() {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties("analyst"));
    props.put(SaslConfigs.SASL_JAAS_CONFIG,
        PlainLoginModule.class.getName() + " required username=\"analyst\" password=\"not-the-password\";");

    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aUserIsDeniedTopicAndGroupUntilTheAdminGrantsAcls() throws Exception {
    createTopic("secured.plain");
    ProducerRecord<String, String> record = new ProducerRecord<>("secured.plain", "k", "v");

    try (KafkaProducer<String, String> producer = producer("analyst", Map.of())) {
      assertThatThrownBy(() -> producer.send(record).get()).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> consumer = consumer("analyst", Map.of())) {
      consumer.assign(List.of(new TopicPartition("secured.plain", 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
    }

    cluster.createAcls(List.of(
        allow("analyst", ResourceType.TOPIC, "secured.plain", PatternType.LITERAL, AclOperation.WRITE),
        allow("analyst", ResourceType.TOPIC, "secured.plain", PatternType.LITERAL, AclOperation.READ)));
    try (KafkaProducer<String, String> producer = producer("analyst", Map.of())) {
      producer.send(record).get();
    }
    Map<String, Object> inGroup = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "analysts");
    try (KafkaConsumer<String, String> consumer = consumer("analyst", inGroup)) {
      consumer.subscribe(List.of("secured.plain"));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
    }

    cluster.createAcls(List.of(allow("analyst", ResourceType.GROUP, "analysts", PatternType.LITERAL, AclOperation.READ)));
    try (KafkaConsumer<String, String> consumer = consumer("analyst", inGroup)) {
      consumer.subscribe(List.of("secured.plain"));
      assertThat(pollValues(consumer, 1)).containsExactly("v");
      consumer.commitSync();
    }
  }

  @Test
  void aTransactionalProducerNeedsWriteOnItsTransactionalId() throws Exception {
    createTopic("secured.tx");
    cluster.createAcls(List.of(
        allow("log-producer", ResourceType.TOPIC, "secured.tx", PatternType.LITERAL, AclOperation.WRITE)));
    Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "log-producer-tx-1");

    try (KafkaProducer<String, String> producer = producer("log-producer", transactional)) {
      assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
    }

    cluster.createAcls(List.of(
        allow("log-producer", ResourceType.TRANSACTIONAL_ID, "log-producer-", PatternType.PREFIXED, AclOperation.WRITE)));
    try (KafkaProducer<String, String> producer = producer("log-producer", transactional)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("secured.tx", "k", "committed")).get();
      producer.commitTransaction();
    }
    try (KafkaConsumer<String, String> consumer = consumer(SecureKafkaTestCluster.ADMIN,
        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
      consumer.assign(List.of(new TopicPartition("secured.tx", 0)));
      assertThat(pollValues(consumer, 1)).containsExactly("committed");
    }
  }

  @Test
  void writesAClientConfigThatLogsIn(@TempDir Path dir) throws Exception {
    Path file = cluster.writeClientConfig("logadmin", dir);

    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    assertThat(properties).containsAllEntriesOf(cluster.clientProperties("logadmin"));
    try (Admin admin = Admin.create(properties)) {
      assertThat(admin.describeCluster().clusterId().get()).isNotBlank();
    }
  }

  private static void createTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(cluster.clientProperties(SecureKafkaTestCluster.ADMIN))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }

  static KafkaProducer<String, String> producer(String user, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(user));
    props.putAll(overrides);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  static KafkaConsumer<String, String> consumer(String user, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(user));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putAll(overrides);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** Polls until {@code count} values arrived or 30 seconds passed. */
  static List<String> pollValues(KafkaConsumer<String, String> consumer, int count) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (values.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        values.add(record.value());
      }
    }
    return values;
  }
}
