package io.logwarden.benchmarks.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.NormalizerFormats;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.SecurityRelevance;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated corpus has the properties the benchmarks rely on: it is the same for a seed, its
 * shares and skew are the intended ones, it writes every input format, and logwarden's own normalizer
 * reads each record as the format it was written in, finds the security records' sign-ins and
 * changes with their user, address and outcome, finds no others, and redaction removes every secret.
 */
class GeneratedCorpusTest {

  private static final int RECORDS = 200_000;
  /** Records the normalizer reads: about 3,000 security records, 1,500 secrets, every format 100 times or more. */
  private static final int NORMALIZED = 30_000;
  private static final GeneratedCorpus CORPUS = new GeneratedCorpus(42);
  private static final List<GeneratedRecord> SAMPLE = new ArrayList<>(RECORDS);

  @BeforeAll
  static void generate() {
    CORPUS.records(0, RECORDS).forEachRemaining(SAMPLE::add);
  }

  @Test
  void theSameSeedGivesTheSameRecordsInAnyOrderAndAnotherSeedOthers() {
    GeneratedCorpus again = new GeneratedCorpus(42);
    for (long index : new long[] {RECORDS - 1, 0, 77_777, 5, 9_999_999}) {
      assertThat(again.record(index)).as("record %d", index).isEqualTo(CORPUS.record(index));
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(again.record(i)).isEqualTo(SAMPLE.get(i));
    }
    GeneratedCorpus other = new GeneratedCorpus(43);
    long same = SAMPLE.stream().limit(1_000)
        .filter(record -> record.value().equals(other.record(record.index()).value())).count();
    assertThat(same).as("records equal under another seed").isZero();
  }

  @Test
  void theSharesAreTheIntendedOnes() {
    long security = SAMPLE.stream().filter(GeneratedRecord::isSecurity).count();
    Map<SecurityEvent.Kind, Long> kinds = new EnumMap<>(SecurityEvent.Kind.class);
    SAMPLE.stream().filter(GeneratedRecord::isSecurity).forEach(r -> kinds.merge(r.security().kind(), 1L, Long::sum));
    long secrets = SAMPLE.stream().filter(record -> record.secret() != null).count();
    long outOfOrder = SAMPLE.stream().filter(GeneratedRecord::outOfOrder).count();

    assertThat(share(security, RECORDS)).as("security records").isCloseTo(0.10, within(0.01));
    assertThat(share(kinds.get(SecurityEvent.Kind.FAILED_SIGN_IN),
        security)).as("failed sign-ins of them").isCloseTo(0.70, within(0.02));
    assertThat(share(kinds.get(SecurityEvent.Kind.SIGN_IN), security)).as("sign-ins of them").isCloseTo(0.20,
        within(0.02));
    assertThat(share(kinds.get(SecurityEvent.Kind.ADMIN), security)).as("admin actions of them").isCloseTo(0.10,
        within(0.02));
    assertThat(share(secrets, RECORDS)).as("records with a secret").isCloseTo(0.05, within(0.005));
    assertThat(share(outOfOrder, RECORDS)).as("records out of order").isCloseTo(0.01, within(0.002));
    assertThat(SAMPLE.stream().filter(record -> record.secret() != null).map(GeneratedRecord::secretKind).distinct())
        .as("every kind of secret").containsExactlyInAnyOrder(SecretKind.values());
    assertThat(SAMPLE.stream().map(GeneratedRecord::secret).filter(Objects::nonNull).distinct().count())
        .as("every secret is a fresh one").isEqualTo(secrets);
  }

  @Test
  void eventTimeAdvancesWithTheLoadAndOneRecordInAHundredIsUpToThirtySecondsLate() {
    for (GeneratedRecord record : SAMPLE) {
      Instant inOrder = CORPUS.timeOf(record.index());
      assertThat(inOrder).isEqualTo(GeneratedCorpus.DEFAULT_START.plusNanos(record.index() * 500_000L));
      if (record.outOfOrder()) {
        assertThat(record.eventTime()).isBefore(inOrder).isAfterOrEqualTo(inOrder.minus(GeneratedCorpus.MAX_DISORDER));
      } else {
        assertThat(record.eventTime()).isEqualTo(inOrder);
      }
      assertThat(record.observedMillis()).isEqualTo(inOrder.plus(GeneratedCorpus.INGESTION_DELAY).toEpochMilli());
    }
    assertThat(SAMPLE.get(RECORDS - 1).eventTime()).as("200,000 records at 2,000 a second")
        .isCloseTo(GeneratedCorpus.DEFAULT_START.plusSeconds(100), within(Duration.ofSeconds(31)));
  }

  @Test
  void usersAndAddressesAreZipfDistributed() {
    Map<String, Integer> addresses = new HashMap<>();
    Map<String, Integer> users = new HashMap<>();
    int withAddress = 0;
    int signIns = 0;
    for (GeneratedRecord record : SAMPLE) {
      if (record.isSecurity()) {
        users.merge(record.security().user(), 1, Integer::sum);
        signIns++;
        if (record.security().address() != null) {
          addresses.merge(record.security().address(), 1, Integer::sum);
          withAddress++;
        }
      }
    }
    String topAddress = GeneratedCorpus.addressOfRank(1);
    String topUser = GeneratedCorpus.userOfRank(1);
    double addressShare = share(addresses.get(topAddress), withAddress);
    double userShare = share(users.get(topUser), signIns);
    // About 14% and 10%: far above the 1/10,000 and 1/100,000 of a uniform draw.
    assertThat(addressShare).as("the top address's share").isCloseTo(GeneratedCorpus.rankShare(true, 1), within(0.015));
    assertThat(userShare).as("the top user's share").isCloseTo(GeneratedCorpus.rankShare(false, 1), within(0.015));
    assertThat(addresses.values().stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isEqualTo(addresses.get(topAddress));
    assertThat(addressShare / share(addresses.getOrDefault(GeneratedCorpus.addressOfRank(10), 0), withAddress))
        .as("rank 1 against rank 10: 10^1.1").isCloseTo(Math.pow(10, 1.1), within(4.0));
    assertThat(addresses.size()).as("distinct addresses seen").isBetween(1_000, GeneratedCorpus.ADDRESSES);
    assertThat(new TreeSet<>(addresses.keySet()).first()).startsWith("100.");
  }

  @Test
  void everyInputFormatOfTheNormalizerIsWritten() {
    Map<String, Integer> formats = new TreeMap<>();
    SAMPLE.forEach(record -> formats.merge(record.format(), 1, Integer::sum));
    assertThat(formats.keySet()).as("formats written").isEqualTo(new TreeSet<>(NormalizerFormats.ids()))
        .isEqualTo(new TreeSet<>(GeneratedCorpus.formats()));
    assertThat(formats.values()).as("records per format").allMatch(count -> count >= 1_000);
  }

  @Test
  void theNormalizerReadsEachRecordAsWrittenAndFindsExactlyTheSecurityEvents() {
    Policy policy = PolicyLoader.loadDefault();
    RecordNormalizer normalizer = new RecordNormalizer(policy);
    SecurityRelevance relevance = new SecurityRelevance(policy.securityRouting());
    EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
    Map<String, Integer> problems = new TreeMap<>();
    Map<String, String> examples = new HashMap<>();
    long securityEvents = 0;
    for (GeneratedRecord record : SAMPLE.subList(0, NORMALIZED)) {
      String problem;
      try {
        RecordNormalizer.Result result = normalizer.normalize(record.raw(0, record.index()), null);
        problem = check(record, result, relevance);
        if (problem == null && record.secret() != null
            && redactor.redact(result.events(),
            result.text()).stream().anyMatch(e -> e.toString().contains(record.secret()))) {
          problem = "secret " + record.secretKind() + " left after redaction";
        }
        securityEvents += result.events().stream().filter(relevance::isSecurityEvent).count();
      } catch (RejectedRecordException e) {
        problem = "dead letter " + e.reason();
      }
      if (problem != null) {
        String key = record.format() + ": " + problem;
        problems.merge(key, 1, Integer::sum);
        examples.putIfAbsent(key, record.value());
      }
    }
    assertThat(problems).as("problems, with an example of each: %s", examples).isEmpty();
    assertThat(securityEvents).as("security events")
        .isEqualTo(SAMPLE.stream().limit(NORMALIZED).filter(GeneratedRecord::isSecurity).count());
  }

  // What is wrong with a record's events, or null.
  private static String check(GeneratedRecord record, RecordNormalizer.Result result, SecurityRelevance relevance) {
    if (!result.format().equals(record.format())) {
      return "read as " + result.format();
    }
    LogEvent first = result.events().get(0);
    // Plain text has no time the normalizer reads: its events are at the observed time, flagged so.
    Set<String> expectedFlags = record.format().equals("plain") ? Set.of("missing_time") : Set.of();
    for (LogEvent event : result.events()) {
      if (!Set.copyOf(event.getFlags()).equals(expectedFlags)) {
        return "flags " + event.getFlags();
      }
    }
    if (expectedFlags.isEmpty()) {
      // Syslog, CloudTrail and access logs keep whole seconds, the rest milliseconds or finer.
      Duration behind = Duration.between(first.getEventTime(), record.eventTime());
      if (behind.isNegative() || behind.compareTo(Duration.ofSeconds(1)) >= 0) {
        return "event time " + first.getEventTime() + " for " + record.eventTime();
      }
    }
    if (!record.isSecurity()) {
      return result.events().stream().anyMatch(relevance::isSecurityEvent)
          ? "a security event from a background record" : null;
    }
    SecurityEvent expected = record.security();
    if (result.events().size() != 1) {
      return result.events().size() + " events from a security record";
    }
    if (!relevance.isSecurityEvent(first)) {
      return "not a security event: " + first.getCategory() + " " + first.getAction();
    }
    if (expected.action().equals("sign_in") && first.getCategory() != Category.AUTHENTICATION) {
      return "sign-in of category " + first.getCategory();
    }
    if (!expected.action().equals(first.getAction()) || expected.outcome() != first.getOutcome()) {
      return "read as " + first.getAction() + " " + first.getOutcome() + ", written as " + expected.action() + " "
          + expected.outcome();
    }
    if (!Objects.equals(expected.user(), first.getActor().getUser())
        || !Objects.equals(expected.address(), first.getSource().getAddress())) {
      return "user and address read as " + first.getActor().getUser() + " " + first.getSource().getAddress();
    }
    return null;
  }

  @Test
  void theIteratorMakesTheSameRecordsOneAtATime() {
    Iterator<GeneratedRecord> records = CORPUS.records(9_999_990, 10);
    for (long index = 9_999_990; index < 10_000_000; index++) {
      assertThat(records.next()).isEqualTo(CORPUS.record(index));
    }
    assertThat(records.hasNext()).isFalse();
  }

  private static double share(long part, long whole) {
    return (double) part / whole;
  }
}
