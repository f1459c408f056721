package io.logwarden.policy;

import static io.logwarden.policy.PolicyRefusals.assertRefusedAt;
import static io.logwarden.policy.PolicyRefusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.serde.Encoding;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logwarden.policy.YamlText.Edit;
import io.logwarden.schema.Category;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The shipped default encodes the policy exactly, and every kind of bad file is refused at its line. */
class PolicyLoaderTest {

  private static final String SOURCE = "policy.yaml";
  private static final long DAY_MS = 24L * 60 * 60 * 1000;

  /** What the shipped default must say, read from the policy document's tables. */
  @Nested
  class ShippedDefault {

    private final Policy policy = PolicyLoader.loadDefault();

    @Test
    void hasTheFourStoresOfThePolicyTableWithTheirRetention() {
      assertThat(policy.stores().values())
          .extracting(Store::id, Store::displayName, s -> s.retention().toMillis(), Store::underReview)
          .containsExactly(
              tuple("betterstack", "Better Stack", 2_592_000_000L, false),
              tuple("sentry", "Sentry", 7_776_000_000L, false),
              tuple("posthog", "PostHog", 220_752_000_000L, false),
              tuple("langfuse", "Langfuse", -1L, true));
      assertThat(policy.stores().get("betterstack").retention().period()).isEqualTo(Duration.ofDays(30));
      assertThat(policy.stores().get("sentry").retention().period()).isEqualTo(Duration.ofDays(90));
      assertThat(policy.stores().get("posthog").retention().period())
          .isEqualTo(Duration.ofDays(7L * Retention.DAYS_PER_YEAR));
      assertThat(policy.stores().get("langfuse").retention().isUnlimited()).isTrue();
    }

    @Test
    void describesWhatEachStoreHoldsAndTheLangfuseReview() {
      assertThat(policy.stores().get("betterstack").data())
          .containsExactly("application logs", "metrics", "alerts");
      assertThat(policy.stores().get("sentry").data()).containsExactly("error events");
      assertThat(policy.stores().get("posthog").data()).containsExactly("product analytics");
      Store langfuse = policy.stores().get("langfuse");
      assertThat(langfuse.data()).containsExactly("AI interaction traces");
      assertThat(langfuse.note())
          .startsWith("Langfuse's default configuration.")
          .endsWith("reviewing this store for data minimization.")
          .doesNotContain("\n");
      assertThat(policy.stores().get("betterstack").note()).isNull();
    }

    @Test
    void feedsEachStoreFromItsOwnCompactedTopic() {
      assertThat(policy.stores().values())
          .extracting(Store::topic)
          .containsExactly("store.betterstack", "store.sentry", "store.posthog", "store.langfuse");
      assertThat(policy.stores().values())
          .extracting(s -> s.topicSpec().cleanupPolicy())
          .containsOnly(CleanupPolicy.COMPACT_DELETE);
    }

    @Test
    void definesThePipelinesOwnTopics() {
      Topics topics = policy.topics();
      assertThat(topics.rawPrefix()).isEqualTo("logs.raw.");
      assertThat(topics.partitions()).isEqualTo(3);
      assertThat(topics.replicationFactor()).isEqualTo((short) -1);
      assertThat(List.of(topics.securityEvents(), topics.alerts(), topics.deadLetter()))
          .extracting(TopicSpec::name, TopicSpec::cleanupPolicy, t -> t.retention().toMillis())
          .containsExactly(
              tuple("security.events", CleanupPolicy.DELETE, 7 * DAY_MS),
              tuple("security.alerts", CleanupPolicy.COMPACT_DELETE, 30 * DAY_MS),
              tuple("logs.dlq", CleanupPolicy.DELETE, 30 * DAY_MS));
    }

    @Test
    void routesAnalyticsAndAiTracesOnlyToTheirOwnStores() {
      for (Category category :
          List.of(Category.AUTHENTICATION, Category.APPLICATION, Category.SYSTEM, Category.SECURITY)) {
        assertThat(policy.storesFor(category)).as("%s", category)
            .extracting(Store::id).containsExactly("betterstack");
      }
      assertThat(policy.storesFor(Category.ANALYTICS)).extracting(Store::id).containsExactly("posthog");
      assertThat(policy.storesFor(Category.AI_TRACE)).extracting(Store::id).containsExactly("langfuse");
      assertThat(policy.storesFor(Category.UNKNOWN)).isEmpty();
      assertThat(policy.routing())
          .extracting(Route::name)
          .containsExactly("centralized-logs", "error-tracking", "product-analytics", "ai-traces");
    }

    @Test
    void routesErrorsAlsoToSentryButNotAnalyticsOrTraces() {
      for (Category category :
          List.of(Category.AUTHENTICATION, Category.APPLICATION, Category.SYSTEM, Category.SECURITY)) {
        assertThat(policy.storesFor(category, true)).as("%s", category)
            .extracting(Store::id).containsExactly("betterstack", "sentry");
      }
      assertThat(policy.storesFor(Category.ANALYTICS, true)).extracting(Store::id).containsExactly("posthog");
      assertThat(policy.storesFor(Category.AI_TRACE, true)).extracting(Store::id).containsExactly("langfuse");
    }

    @Test
    void listsAllSevenOutputTopics() {
      assertThat(policy.outputTopics())
          .extracting(TopicSpec::name, TopicSpec::cleanupPolicy, t -> t.retention().toMillis())
          .containsExactly(
              tuple("store.betterstack", CleanupPolicy.COMPACT_DELETE, 2_592_000_000L),
              tuple("store.sentry", CleanupPolicy.COMPACT_DELETE, 7_776_000_000L),
              tuple("store.posthog", CleanupPolicy.COMPACT_DELETE, 220_752_000_000L),
              tuple("store.langfuse", CleanupPolicy.COMPACT_DELETE, -1L),
              tuple("security.events", CleanupPolicy.DELETE, 604_800_000L),
              tuple("security.alerts", CleanupPolicy.COMPACT_DELETE, 2_592_000_000L),
              tuple("logs.dlq", CleanupPolicy.DELETE, 2_592_000_000L));
    }

    @Test
    void identifiesThePolicyDocumentAndTheClockTolerance() {
      PolicyInfo info = policy.info();
      assertThat(info.title()).isEqualTo("Logging and Monitoring Policy");
      assertThat(info.organization()).isEqualTo("botBrains");
      assertThat(info.version()).isEqualTo("1.0");
      assertThat(info.effective()).isEqualTo(LocalDate.of(2026, 7, 1));
      assertThat(info.owner()).isEqualTo("CISO");
      assertThat(info.lastReview()).isEqualTo(LocalDate.of(2026, 7, 1));
      assertThat(info.source())
          .isEqualTo("https://docs.botbrains.io/trust/policies/logging-and-monitoring-policy");
      assertThat(policy.clockSkewTolerance()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void warnsAboutAStoreNoRouteFeedsButLoads() {
      String yaml = PolicyText.DEFAULT.replace("    stores: [sentry]", "    stores: [betterstack]");
      Logger logger = (Logger) LoggerFactory.getLogger(PolicyValidator.class);
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.start();
      logger.addAppender(appender);
      try {
        PolicyLoader.parse(PolicyText.DEFAULT, SOURCE);
        assertThat(appender.list).as("the shipped default routes to every store").isEmpty();
        PolicyLoader.parse(yaml, SOURCE);
      } finally {
        logger.detachAppender(appender);
      }
      int sentryLine = PolicyText.lineOf(yaml, "  sentry:");
      assertThat(appender.list)
          .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
          .containsExactly(tuple(Level.WARN, "policy.yaml line " + sentryLine
              + ": stores.sentry: no route sends events to this store; its topic is created but stays empty"));
    }

    @Test
    void loadsTheSameFromAFile(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("policy.yaml"), PolicyText.DEFAULT);
      assertThat(PolicyLoader.load(file)).isEqualTo(policy);
    }
  }

  @Test
  void loadsAMinimalPolicyWithOptionalKeysLeftOut() throws URISyntaxException {
    Path file = Path.of(PolicyLoaderTest.class.getResource("/policy/minimal.yaml").toURI());
    Policy policy = PolicyLoader.load(file);
    assertThat(policy.info().lastReview()).isNull();
    assertThat(policy.info().source()).isNull();
    assertThat(policy.clockSkewTolerance()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.stores().get("archive").retention().period()).isEqualTo(Duration.ofDays(14));
    assertThat(policy.topics().securityEvents().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT_DELETE);
    assertThat(policy.topics().alerts().retention().isUnlimited()).isTrue();
    assertThat(policy.topics().deadLetter().retention().toMillis()).isEqualTo(3_600_000L);
    for (Category category : Category.values()) {
      assertThat(policy.storesFor(category)).extracting(Store::id).containsExactly("archive");
    }
    assertThat(policy.securityRouting()).isEqualTo(SecurityRouting.defaults());
    assertThat(policy.sources()).isEmpty();
    assertThat(policy.jsonMappings()).isEmpty();
  }

  // ---- keys the file format does not know

  @Test
  void refusesAnUnknownTopLevelKey() {
    Edit edit = PolicyText.replace("clock:", "clocks:");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "clocks");
    assertThat(e.problem()).isEqualTo("unknown key 'clocks'; did you mean 'clock'? "
        + "Known keys here: policy, clock, stores, topics, routing, security_routing, sources, json_mappings, catalogue,"
        + " catalogue_file, redaction, access");
  }

  @Test
  void refusesAnUnknownNestedKeyListingTheKnownOnes() {
    Edit edit = PolicyText.insertAfter("  alerts:                         # alerts live in the Better Stack bucket: 30 days",
        "    cleanup_policy: compact,delete", "    compression: lz4");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.alerts.compression");
    assertThat(e.problem())
        .isEqualTo("unknown key 'compression'; known keys here: name, cleanup_policy, retention, encoding");
  }

  @Test
  void refusesAMisspeltKeySuggestingTheRightOne() {
    Edit edit = PolicyText.replace("  betterstack:", "    retention: 30d", "    retentoin: 30d");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.betterstack.retentoin");
    assertThat(e.problem()).isEqualTo("unknown key 'retentoin'; did you mean 'retention'? "
        + "Known keys here: name, data, retention, topic, under_review, note, encoding");
  }

  @Test
  void refusesAnUnknownEncodingListingTheThree() {
    Edit edit = PolicyText.replace("  sentry:", "    encoding: json", "    encoding: protobuf");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.encoding");
    assertThat(e.problem()).isEqualTo("'protobuf' is not an encoding; use json, avro or avro-registry");
  }

  @Test
  void shipsJsonWhereOtherToolsReadAndAvroWhereLogwardenDoes() {
    Policy policy = PolicyLoader.loadDefault();
    assertThat(policy.stores().values()).allSatisfy(store -> assertThat(store.encoding()).isEqualTo(Encoding.JSON));
    assertThat(policy.topics().alerts().encoding()).isEqualTo(Encoding.JSON);
    assertThat(policy.topics().securityEvents().encoding()).isEqualTo(Encoding.AVRO);
    assertThat(policy.topics().deadLetter().encoding()).isEqualTo(Encoding.AVRO);
  }

  @Test
  void anEncodingLeftOutIsTheShippedDefaultOfItsTopic() {
    String yaml = PolicyText.DEFAULT.replaceAll("(?m)^ *encoding: .*\\n", "");
    assertThat(yaml).doesNotContainPattern("(?m)^ +encoding:");
    Policy policy = PolicyLoader.parse(yaml, "policy.yaml");
    assertThat(policy.stores().get("sentry").encoding()).isEqualTo(Encoding.JSON);
    assertThat(policy.topics().alerts().encoding()).isEqualTo(Encoding.JSON);
    assertThat(policy.topics().securityEvents().encoding()).isEqualTo(Encoding.AVRO);
    assertThat(policy.topics().deadLetter().encoding()).isEqualTo(Encoding.AVRO);
  }

  @Test
  void acceptsAvroRegistryForAnyTopic() {
    Edit edit = PolicyText.insertAfter("  security_events:                # keyed by actor: compaction would lose events",
        "    retention: 7d", "    encoding: avro-registry");
    String yaml = edit.yaml().replace("    encoding: avro                # read by detect; avro is the smallest and fastest\n", "");
    Policy policy = PolicyLoader.parse(yaml, "policy.yaml");
    assertThat(policy.topics().securityEvents().encoding()).isEqualTo(Encoding.AVRO_REGISTRY);
  }

  // ---- routing

  @Test
  void refusesAnUnknownStoreInRouting() {
    Edit edit = PolicyText.replace("    stores: [posthog]", "    stores: [posthog, datadog]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "routing[2].stores[1]");
    assertThat(e.problem())
        .isEqualTo("unknown store 'datadog' (declared stores: betterstack, sentry, posthog, langfuse)");
  }

  @Test
  void givesTheLineOfTheListEntryNamingAnUnknownStore() {
    Edit edit = PolicyText.replace("    stores: [langfuse]",
        "    stores:\n      - langfuse\n      - datadog");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.lineOf("      - datadog"), "routing[3].stores[1]");
    assertThat(e.problem()).startsWith("unknown store 'datadog'");
  }

  @Test
  void refusesAnUnknownCategoryListingTheValidOnes() {
    Edit edit = PolicyText.replace("    categories: [ANALYTICS]", "    categories: [ANALYTIX]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "routing[2].categories[0]");
    assertThat(e.problem()).isEqualTo("unknown category 'ANALYTIX' (categories: AUTHENTICATION, "
        + "APPLICATION, SYSTEM, SECURITY, ANALYTICS, AI_TRACE, UNKNOWN)");
  }

  @Test
  void refusesARouteWithoutStores() {
    Edit edit = PolicyText.replace("    stores: [posthog]", "    stores: []");
    assertRefusedAt(refused(edit.yaml()), edit.line(), "routing[2].stores");
  }

  @Test
  void refusesAnEmptyRouting() {
    String yaml = PolicyText.removeBlock("routing:") + "routing: []\n";
    PolicyException e = refused(yaml);
    assertRefusedAt(e, PolicyText.lineOf(yaml, "routing: []"), "routing");
    assertThat(e.problem()).contains("at least one");
  }

  // ---- durations

  @Test
  void refusesANegativeRetention() {
    Edit edit = PolicyText.replace("  betterstack:", "    retention: 30d", "    retention: -30d");
    PolicyException e = refused(edit.yaml());
    assertThat(e.getMessage()).isEqualTo("policy.yaml line " + edit.line() + ": stores.betterstack.retention: "
        + "'-30d' is negative; a retention is a positive duration (30d, 90d, 7y) or 'unlimited'");
    assertRefusedAt(e, edit.line(), "stores.betterstack.retention");
  }

  @Test
  void refusesAZeroRetention() {
    Edit edit = PolicyText.replace("  dead_letter:", "    retention: 30d", "    retention: 0d");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.dead_letter.retention");
    assertThat(e.problem()).startsWith("'0d' is zero;");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30 days", "thirty", "30x", "30D", "P30D", "1.5d", "unlimited!", "99999999999999999999d"})
  void refusesAnUnparseableRetention(String retention) {
    Edit edit = PolicyText.replace("  sentry:", "    retention: 90d", "    retention: " + retention);
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.retention");
    assertThat(e.problem())
        .startsWith("'" + retention + "' ")
        .endsWith("; a retention is a positive duration (30d, 90d, 7y) or 'unlimited'");
  }

  @Test
  void refusesARetentionWithoutUnit() {
    Edit edit = PolicyText.replace("  sentry:", "    retention: 90d", "    retention: 90");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.retention");
    assertThat(e.problem()).isEqualTo("expected text, found the number 90; "
        + "a duration is a whole number followed by a unit, e.g. 30d, or 'unlimited'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"unlimited", "0s", "-5s", "5 seconds"})
  void refusesAClockSkewToleranceThatIsNotAPositiveDuration(String tolerance) {
    Edit edit = PolicyText.replace("  skew_tolerance: 5s", "  skew_tolerance: " + tolerance);
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "clock.skew_tolerance");
    assertThat(e.problem()).endsWith("a clock skew tolerance is a positive duration (5s, 2m)");
  }

  // ---- topics

  @Test
  void refusesAnUnknownCleanupPolicy() {
    Edit edit = PolicyText.replace("    cleanup_policy: compact,delete", "    cleanup_policy: compact,remove");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.alerts.cleanup_policy");
    assertThat(e.problem())
        .isEqualTo("'compact,remove' is not a cleanup policy; use delete, compact or compact,delete");
  }

  @Test
  void refusesTwoStoresSharingATopic() {
    Edit edit = PolicyText.replace("    topic: store.sentry", "    topic: store.betterstack");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.topic");
    assertThat(e.problem()).isEqualTo("topic 'store.betterstack' is already used by "
        + "stores.betterstack.topic; every store and pipeline topic needs its own topic");
  }

  @Test
  void refusesAPipelineTopicSharingAStoreTopic() {
    Edit edit = PolicyText.replace("    name: logs.dlq", "    name: store.posthog");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.dead_letter.name");
    assertThat(e.problem()).contains("already used by stores.posthog.topic");
  }

  @Test
  void refusesTopicNamesThatCollideInKafkaMetrics() {
    Edit edit = PolicyText.replace("    topic: store.sentry", "    topic: store_betterstack");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.topic");
    assertThat(e.problem()).contains("collides with 'store.betterstack'");
  }

  @Test
  void refusesAStoreTopicUnderTheRawPrefix() {
    Edit edit = PolicyText.replace("    topic: store.posthog", "    topic: logs.raw.posthog");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.posthog.topic");
    assertThat(e.problem()).contains("starts with the raw prefix 'logs.raw.'");
  }

  @Test
  void refusesAnInvalidTopicName() {
    Edit edit = PolicyText.replace("    topic: store.langfuse", "    topic: store/langfuse");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.langfuse.topic");
    assertThat(e.problem()).contains("'store/langfuse' is not a valid topic name");
  }

  @Test
  void refusesAStoreIdThatIsNotLowercase() {
    Edit edit = PolicyText.replace("  sentry:", "  Sentry:");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.Sentry");
    assertThat(e.problem()).contains("store id 'Sentry' is not allowed");
  }

  @Test
  void refusesZeroPartitions() {
    Edit edit = PolicyText.replace("  partitions: 3", "  partitions: 0");
    assertRefusedAt(refused(edit.yaml()), edit.line(), "topics.partitions");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -2, 40000})
  void refusesAReplicationFactorThatIsNeitherPositiveNorMinusOne(int factor) {
    Edit edit = PolicyText.replace("  replication_factor: -1          # -1: the broker's default.replication.factor",
        "  replication_factor: " + factor);
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.replication_factor");
    assertThat(e.problem()).startsWith(factor + " is not a replication factor");
  }

  // ---- types and structure

  @Test
  void refusesAValueOfTheWrongType() {
    Edit edit = PolicyText.replace("  partitions: 3", "  partitions: many");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "topics.partitions");
    assertThat(e.problem()).isEqualTo("expected a whole number, found the text 'many'");
  }

  @Test
  void refusesAVersionWrittenAsANumber() {
    Edit edit = PolicyText.replace("  version: \"1.0\"", "  version: 1.0");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "policy.version");
    assertThat(e.problem()).isEqualTo("expected text, found the number 1.0; put it in quotes to make it text");
  }

  @Test
  void refusesAScalarWhereAListIsExpected() {
    Edit edit = PolicyText.replace("    data: [error events]", "    data: error events");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.sentry.data");
    assertThat(e.problem()).isEqualTo("expected a list, found the text 'error events'");
  }

  @Test
  void refusesAKeyWrittenWithoutValue() {
    Edit edit = PolicyText.replace("    under_review: true", "    under_review:");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.langfuse.under_review");
    assertThat(e.problem()).isEqualTo("has no value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-01", "July 2026", "2026-7-1"})
  void refusesADateThatIsNotIso(String date) {
    Edit edit = PolicyText.replace("  effective: 2026-07-01", "  effective: " + date);
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "policy.effective");
    assertThat(e.problem()).startsWith("'" + date + "' is not a");
  }

  @Test
  void refusesADuplicateKey() {
    Edit edit = PolicyText.insertAfter("  betterstack:", "    topic: store.betterstack", "    retention: 60d");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "stores.betterstack.retention");
    assertThat(e.problem()).isEqualTo("duplicate key 'retention'; a key may appear only once in a mapping");
  }

  @Test
  void refusesADuplicateKeyInsideAListEntry() {
    Edit edit = PolicyText.insertAfter("  - name: product-analytics", "    stores: [posthog]", "    name: again");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "routing[2].name");
    assertThat(e.problem()).startsWith("duplicate key 'name'");
  }

  @Test
  void refusesADuplicateSection() {
    String yaml = PolicyText.DEFAULT + "clock:\n  skew_tolerance: 1h\n";
    PolicyException e = refused(yaml);
    assertRefusedAt(e, PolicyText.lineOf(yaml, "  skew_tolerance: 1h") - 1, "clock");
    assertThat(e.problem()).startsWith("duplicate key 'clock'");
  }

  @Test
  void refusesAMissingSectionWithoutALine() {
    PolicyException e = refused(PolicyText.removeBlock("routing:"));
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.path()).isEqualTo("routing");
    assertThat(e.getMessage()).isEqualTo("policy.yaml: routing: required section is missing");
  }

  @Test
  void refusesAMissingKeyAtTheLineOfItsParent() {
    String yaml = PolicyText.removeLine("  sentry:", "    retention: 90d");
    PolicyException e = refused(yaml);
    assertRefusedAt(e, PolicyText.lineOf(yaml, "  sentry:"), "stores.sentry.retention");
    assertThat(e.problem()).isEqualTo("required key is missing");
  }

  @Test
  void refusesAMissingPipelineTopic() {
    String yaml = PolicyText.removeBlock("  dead_letter:");
    PolicyException e = refused(yaml);
    assertRefusedAt(e, PolicyText.lineOf(yaml, "topics:"), "topics.dead_letter");
  }

  // ---- YAML and files

  @Test
  void refusesInvalidYamlAtTheLineOfTheError() {
    Edit edit = PolicyText.replace("    name: Sentry", "    name: Sentry: errors");
    PolicyException e = refused(edit.yaml());
    assertThat(e.line()).isEqualTo(edit.line());
    assertThat(e.path()).isEmpty();
    assertThat(e.getMessage())
        .isEqualTo("policy.yaml line " + edit.line() + ": invalid YAML: mapping values are not allowed here");
  }

  @Test
  void refusesTabIndentation() {
    Edit edit = PolicyText.replace("    name: Sentry", "\tname: Sentry");
    PolicyException e = refused(edit.yaml());
    assertThat(e.line()).isEqualTo(edit.line());
    assertThat(e.problem()).startsWith("invalid YAML:").contains("TAB");
  }

  @Test
  void refusesASecondDocument() {
    String yaml = PolicyText.DEFAULT + "---\npolicy: {}\n";
    PolicyException e = refused(yaml);
    assertThat(e.line()).isEqualTo(PolicyText.lineOf(yaml, "---"));
    assertThat(e.problem()).contains("a policy file holds exactly one document");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "# nothing but a comment\n"})
  void refusesAFileWithoutContent(String yaml) {
    PolicyException e = refused(yaml);
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.getMessage()).isEqualTo("policy.yaml: the file holds no policy; it is empty or only comments");
  }

  @Test
  void refusesAFileThatIsAList() {
    PolicyException e = refused("# a list, not a mapping\n- policy\n- stores\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.path()).isEmpty();
    assertThat(e.problem()).startsWith("the file must be a mapping of the sections").endsWith("found a list");
  }

  @Test
  void refusesAMissingFileNamingIt(@TempDir Path dir) {
    Path file = dir.resolve("missing-policy.yaml");
    PolicyException e = null;
    try {
      PolicyLoader.load(file);
    } catch (PolicyException thrown) {
      e = thrown;
    }
    assertThat(e).as("refusal").isNotNull();
    assertThat(e.sourceName()).isEqualTo("missing-policy.yaml");
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.path()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("missing-policy.yaml: cannot read " + file + ": no such file");
  }

  @Test
  void namesTheFileInRefusals(@TempDir Path dir) throws IOException {
    Edit edit = PolicyText.replace("  posthog:", "    retention: 7y", "    retention: 7years");
    Path file = Files.writeString(dir.resolve("company-policy.yaml"), edit.yaml());
    PolicyException e = null;
    try {
      PolicyLoader.load(file);
    } catch (PolicyException thrown) {
      e = thrown;
    }
    assertThat(e).as("refusal").isNotNull();
    assertThat(e.sourceName()).isEqualTo("company-policy.yaml");
    assertThat(e.getMessage())
        .startsWith("company-policy.yaml line " + edit.line() + ": stores.posthog.retention: '7years' ");
  }
}
