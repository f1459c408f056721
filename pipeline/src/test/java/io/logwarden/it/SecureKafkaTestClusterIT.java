package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SecureKafkaTestCluster}: SASL logins, and ACLs enforced by the KRaft StandardAuthorizer. */
class SecureKafkaTestClusterIT {

  /** The counts of the values sshd, nginx, sshd. */
  private static final Map<String, Long> EXPECTED_COUNTS = Map.of("sshd", 2L, "nginx", 1L);

  private static SecureKafkaTestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = SecureKafkaTestCluster.start(Arrays.stream(StreamsAcl.values())
        .map(StreamsAcl::userWithout)
        .toArray(String[]::new));
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

  /**
   * The ACLs an exactly-once (v2) Streams application needs, and nothing on the cluster: its internal
   * topics, group and transactional ids all start with its application id, and idempotence needs only
   * WRITE on some topic (KIP-679).
   */
  @Test
  void anExactlyOnceStreamsAppNeedsPrefixedAclsOnItsApplicationIdAndNothingOnTheCluster(@TempDir Path stateDir)
      throws Exception {
    createTopic("normalize.in");
    createTopic("normalize.out");
    cluster.createAcls(Arrays.stream(StreamsAcl.values())
        .map(acl -> acl.binding("logwarden", "normalize.in", "normalize.out"))
        .toList());

    StreamsRun run = runCountingApp("logwarden", "logwarden-normalize", "normalize.in", "normalize.out", stateDir);

    assertThat(run.failure()).as("stream thread failure").isNull();
    assertThat(run.counts()).isEqualTo(EXPECTED_COUNTS);
    try (Admin admin = Admin.create(cluster.clientProperties(SecureKafkaTestCluster.ADMIN))) {
      assertThat(admin.listTopics().names().get()).contains(
          "logwarden-normalize-by-value-repartition", "logwarden-normalize-counts-changelog");
    }
  }

  /** Without any one of those ACLs the stream thread dies, naming what it was denied. */
  @ParameterizedTest
  @EnumSource(StreamsAcl.class)
  void everyOneOfThoseAclsIsNeeded(StreamsAcl missing, @TempDir Path stateDir) throws Exception {
    String user = missing.userWithout();
    String in = user + ".in";
    String out = user + ".out";
    createTopic(in);
    createTopic(out);
    cluster.createAcls(Arrays.stream(StreamsAcl.values())
        .filter(acl -> acl != missing)
        .map(acl -> acl.binding(user, in, out))
        .toList());

    StreamsRun run = runCountingApp(user, "logwarden-" + user, in, out, stateDir);

    assertThat(run.failure()).as("stream thread failure").isNotNull()
        .hasRootCauseInstanceOf(missing.denial)
        .rootCause().hasMessageContaining(missing.named(user, in, out));
    assertThat(run.counts()).isEmpty();
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

  /**
   * The ACLs of an exactly-once Streams application whose id starts with {@code logwarden-}; each
   * knows the exception its absence causes and what the exception's message names.
   */
  enum StreamsAcl {
    INTERNAL_TOPICS(TopicAuthorizationException.class) {
      @Override
      AclBinding binding(String user, String in, String out) {
        return allow(user, ResourceType.TOPIC, "logwarden-", PatternType.PREFIXED, AclOperation.ALL);
      }

      @Override
      String named(String user, String in, String out) {
        return "logwarden-" + user + "-by-value-repartition";
      }
    },
    GROUP(GroupAuthorizationException.class) {
      @Override
      AclBinding binding(String user, String in, String out) {
        return allow(user, ResourceType.GROUP, "logwarden-", PatternType.PREFIXED, AclOperation.READ);
      }

      @Override
      String named(String user, String in, String out) {
        return "logwarden-" + user;
      }
    },
    TRANSACTIONAL_ID(TransactionalIdAuthorizationException.class) {
      @Override
      AclBinding binding(String user, String in, String out) {
        return allow(user, ResourceType.TRANSACTIONAL_ID, "logwarden-", PatternType.PREFIXED, AclOperation.WRITE);
      }

      @Override
      String named(String user, String in, String out) {
        return "Transactional Id authorization failed";
      }
    },
    INPUT(TopicAuthorizationException.class) {
      @Override
      AclBinding binding(String user, String in, String out) {
        return allow(user, ResourceType.TOPIC, in, PatternType.LITERAL, AclOperation.READ);
      }

      @Override
      String named(String user, String in, String out) {
        return in;
      }
    },
    OUTPUT(TopicAuthorizationException.class) {
      @Override
      AclBinding binding(String user, String in, String out) {
        return allow(user, ResourceType.TOPIC, out, PatternType.LITERAL, AclOperation.WRITE);
      }

      @Override
      String named(String user, String in, String out) {
        return out;
      }
    };

    final Class<? extends Throwable> denial;

    StreamsAcl(Class<? extends Throwable> denial) {
      this.denial = denial;
    }

    /** The user that has every other of these ACLs. */
    String userWithout() {
      return "without-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    abstract AclBinding binding(String user, String in, String out);

    abstract String named(String user, String in, String out);
  }

  /** What a run of the counting application ended with: its thread's failure, if any, and the counts read. */
  record StreamsRun(Throwable failure, Map<String, Long> counts) {}

  /**
   * Runs, as {@code user}, an exactly-once application that counts the values of {@code in} (a
   * repartition by value, a changelogged store {@code counts}) into {@code out}; feeds {@code in}
   * three values as the admin and reads {@code out} read_committed until the counts are complete, the
   * stream thread died or 60 seconds passed.
   */
  private static StreamsRun runCountingApp(String user, String applicationId, String in, String out, Path stateDir)
      throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .groupBy((key, value) -> value, Grouped.with("by-value", Serdes.String(), Serdes.String()))
        .count(Materialized.as("counts"))
        .toStream()
        .to(out, Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.putAll(cluster.clientProperties(user));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Map<String, Long> counts = new HashMap<>();

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.setUncaughtExceptionHandler(e -> {
        failure.set(e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      try (KafkaProducer<String, String> producer = producer(SecureKafkaTestCluster.ADMIN, Map.of())) {
        for (String value : List.of("sshd", "nginx", "sshd")) {
          producer.send(new ProducerRecord<>(in, "host-1", value)).get();
        }
      }
      try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(readCommittedAdmin(),
          new StringDeserializer(), new LongDeserializer())) {
        consumer.assign(List.of(new TopicPartition(out, 0)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!counts.equals(EXPECTED_COUNTS) && failure.get() == null && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(record -> counts.put(record.key(), record.value()));
        }
      }
    }
    return new StreamsRun(failure.get(), counts);
  }

  private static Map<String, Object> readCommittedAdmin() {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(SecureKafkaTestCluster.ADMIN));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
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
