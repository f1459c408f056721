package io.logwarden.benchmarks.corpus;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A production-like corpus of raw records, generated on demand: record {@code i} is a function of the
 * seed and {@code i} alone, so ten million records need no memory and any record can be made again.
 *
 * <ul>
 *   <li>Event time advances with the load: record {@code i} is dated {@code start + i / rate}, written in
 *       its format's own layout; 1% are dated up to 30 s earlier (out of order).</li>
 *   <li>Users (100,000) and client addresses (10,000) are Zipf-distributed with exponent 1.1: a few
 *       accounts and addresses carry much of the traffic, most are rare.</li>
 *   <li>10% are security records: 70% failed sign-ins, 20% successful sign-ins, 10% administrative or
 *       configuration actions, in the shapes of sshd (RFC 3164 and 5424), Filebeat ECS, CloudTrail,
 *       Okta and sudo ({@link SecurityShapes}).</li>
 *   <li>5% carry a fake secret of one of eight kinds ({@link SecretKind}), each body random.</li>
 *   <li>The other 85% are application, infrastructure and analytics records of every input format the
 *       normalizer reads, weighted as a mixed estate might send them.</li>
 * </ul>
 *
 * Record {@code i} goes to raw topic {@code i} modulo the number of topics, as the pipeline benchmark
 * spreads records. The addresses are in 100.64.0.0/10, apart from the benchmark attacks' 198.18.0.0/15.
 */
public final class GeneratedCorpus {

  /** The raw topic of the benchmarks. */
  public static final String RAW_TOPIC = "logs.raw.bench";
  /** The first record's time when none is given. */
  public static final Instant DEFAULT_START = Instant.parse("2026-12-07T08:00:00Z");
  /** Records per second of event time when no rate is given. */
  public static final double DEFAULT_RATE = 2_000;
  /** Distinct users and client addresses, and the exponent of their Zipf distributions. */
  public static final int USERS = 100_000;
  public static final int ADDRESSES = 10_000;
  public static final double ZIPF_EXPONENT = 1.1;
  /** Shares of the records. */
  public static final double SECURITY_SHARE = 0.10;
  public static final double SECRET_SHARE = 0.05;
  public static final double OUT_OF_ORDER_SHARE = 0.01;
  public static final double FAILED_SHARE_OF_SECURITY = 0.70;
  public static final double SIGN_IN_SHARE_OF_SECURITY = 0.20;
  /** How far back an out-of-order record may be dated. */
  public static final Duration MAX_DISORDER = Duration.ofSeconds(30);
  /** From a record's in-order time to its broker append time ({@link GeneratedRecord#observedMillis}). */
  public static final Duration INGESTION_DELAY = Duration.ofMillis(250);

  // Users and addresses are drawn from the same distributions by every corpus: build them once.
  private static final ZipfSampler USER_RANKS = new ZipfSampler(USERS, ZIPF_EXPONENT);
  private static final ZipfSampler ADDRESS_RANKS = new ZipfSampler(ADDRESSES, ZIPF_EXPONENT);

  /** A background format: its id, its weight in the mix, whether it carries a free-text message, its writer. */
  private record Background(String format, int weight, boolean message, Function<Scene, String> writer) {}

  private static final List<Background> BACKGROUND = List.of(
      new Background("json-logback", 12, true, JsonShapes::logback),
      new Background("json-fluentbit", 11, true, JsonShapes::fluentBit),
      new Background("json-vector", 7, true, JsonShapes::vector),
      new Background("json-logstash", 4, true, JsonShapes::logstash),
      new Background("json-ecs", 7, true, JsonShapes::ecs),
      new Background("json", 7, true, JsonShapes::generic),
      new Background("otlp-json-logs", 6, true, JsonShapes::otlpLogs),
      new Background("otlp-json-metrics", 3, false, JsonShapes::otlpMetrics),
      new Background("json-metric", 3, false, JsonShapes::jsonMetric),
      new Background("cloudtrail", 3, false, JsonShapes::cloudTrailReads),
      new Background("sentry", 3, true, JsonShapes::sentry),
      new Background("posthog", 3, false, JsonShapes::postHog),
      new Background("langfuse", 2, false, JsonShapes::langfuse),
      new Background("syslog-rfc5424", 5, true, TextShapes::syslog5424),
      new Background("syslog-rfc3164", 7, true, TextShapes::syslog3164),
      new Background("cef", 2, false, TextShapes::cef),
      new Background("klog", 4, false, TextShapes::klog),
      new Background("clf", 5, false, TextShapes::clf),
      new Background("logfmt", 4, true, TextShapes::logfmt),
      new Background("plain", 2, false, TextShapes::plain));
  private static final List<Background> WITH_MESSAGE = BACKGROUND.stream().filter(Background::message).toList();
  private static final int[] ALL_WEIGHTS = cumulative(BACKGROUND);
  private static final int[] MESSAGE_WEIGHTS = cumulative(WITH_MESSAGE);

  private final long seed;
  private final Instant start;
  private final double rate;
  private final List<String> topics;

  /** The corpus of a seed, from {@link #DEFAULT_START} at {@link #DEFAULT_RATE}, in {@link #RAW_TOPIC}. */
  public GeneratedCorpus(long seed) {
    this(seed, DEFAULT_START, DEFAULT_RATE, List.of(RAW_TOPIC));
  }

  /**
   * @param seed what the records are drawn from: the same seed, start, rate and topics give the same records
   * @param start the time of record 0
   * @param rate records per second of event time
   * @param topics the raw topics, record {@code i} in topic {@code i} modulo their number
   */
  public GeneratedCorpus(long seed, Instant start, double rate, List<String> topics) {
    if (!(rate > 0) || topics.isEmpty()) {
      throw new IllegalArgumentException("the rate must be positive and there must be a topic");
    }
    this.seed = seed;
    this.start = start;
    this.rate = rate;
    this.topics = List.copyOf(topics);
  }

  /** The corpus's seed. */
  public long seed() {
    return seed;
  }

  /** The time of record 0. */
  public Instant start() {
    return start;
  }

  /** Records per second of event time. */
  public double rate() {
    return rate;
  }

  /** The in-order time of record {@code index}: {@code start + index / rate}. */
  public Instant timeOf(long index) {
    return start.plusNanos(Math.round(index * 1e9 / rate));
  }

  /** Record {@code index}. */
  public GeneratedRecord record(long index) {
    SplittableRandom random = new SplittableRandom(mix64(mix64(seed) + index * 0x9E37_79B9_7F4A_7C15L));
    Instant nominal = timeOf(index);
    boolean outOfOrder = random.nextDouble() < OUT_OF_ORDER_SHARE;
    Instant time = outOfOrder ? nominal.minusMillis(random.nextLong(1, MAX_DISORDER.toMillis() + 1)) : nominal;
    String topic = topics.get((int) (index % topics.size()));
    long observed = nominal.plus(INGESTION_DELAY).toEpochMilli();
    String user = Vocabulary.user(USER_RANKS.sample(random));
    String address = Vocabulary.address(ADDRESS_RANKS.sample(random));
    double share = random.nextDouble();
    if (share < SECURITY_SHARE) {
      double kind = random.nextDouble();
      SecurityShapes.Written written = kind < FAILED_SHARE_OF_SECURITY
          ? SecurityShapes.signIn(random, time, true, user, address)
          : kind < FAILED_SHARE_OF_SECURITY + SIGN_IN_SHARE_OF_SECURITY
              ? SecurityShapes.signIn(random, time, false, user, address)
              : SecurityShapes.admin(random, time, user, address);
      return new GeneratedRecord(index, topic, written.format(), written.value(), time, observed, outOfOrder,
          null, null, written.event());
    }
    boolean secret = share < SECURITY_SHARE + SECRET_SHARE;
    Background background = secret
        ? pick(WITH_MESSAGE, MESSAGE_WEIGHTS, random) : pick(BACKGROUND, ALL_WEIGHTS, random);
    String service = Randoms.pick(random, Vocabulary.SERVICES);
    String namespace = Vocabulary.NAMESPACES.get(Vocabulary.SERVICES.indexOf(service));
    String level = background.format().equals("sentry")
        ? (random.nextInt(5) == 0 ? "WARN" : "ERROR") : Vocabulary.level(random);
    String message;
    SecretKind kind = null;
    String credential = null;
    if (secret) {
      kind = SecretKind.values()[random.nextInt(SecretKind.values().length)];
      credential = kind.secret(random);
      message = kind.inMessage(credential, random);
    } else {
      message = Vocabulary.message(level, random, user);
    }
    // Syslog comes from servers, most of the rest from pods; Vector ships from both.
    boolean server = background.format().startsWith("syslog")
        || (background.format().equals("json-vector") && random.nextBoolean());
    String host = server ? Randoms.pick(random, Vocabulary.SERVERS) : Vocabulary.pod(service, random);
    Scene scene = new Scene(random, time, user, address, service, namespace, host, level, message, secret);
    return new GeneratedRecord(index, topic, background.format(), background.writer().apply(scene), time, observed,
        outOfOrder, credential, kind, null);
  }

  /** Records {@code from}, {@code from + 1}, ... {@code from + count - 1}, each made when it is asked for. */
  public Iterator<GeneratedRecord> records(long from, long count) {
    return new Iterator<>() {
      private long next = from;

      @Override
      public boolean hasNext() {
        return next < from + count;
      }

      @Override
      public GeneratedRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return record(next++);
      }
    };
  }

  /** Every format id the corpus writes. */
  public static List<String> formats() {
    return BACKGROUND.stream().map(Background::format).toList();
  }

  /** The probability that a user (or address, {@code addresses}) draw gives rank {@code rank}. */
  public static double rankShare(boolean addresses, int rank) {
    return (addresses ? ADDRESS_RANKS : USER_RANKS).probability(rank);
  }

  /** The account name of user rank {@code rank} (1 is the most frequent). */
  public static String userOfRank(int rank) {
    return Vocabulary.user(rank);
  }

  /** The address of address rank {@code rank} (1 is the most frequent). */
  public static String addressOfRank(int rank) {
    return Vocabulary.address(rank);
  }

  private static Background pick(List<Background> formats, int[] cumulative, SplittableRandom random) {
    int draw = random.nextInt(cumulative[cumulative.length - 1]);
    for (int i = 0; i < cumulative.length; i++) {
      if (draw < cumulative[i]) {
        return formats.get(i);
      }
    }
    throw new AssertionError("draw beyond the total weight");
  }

  private static int[] cumulative(List<Background> formats) {
    int[] sums = new int[formats.size()];
    int sum = 0;
    for (int i = 0; i < sums.length; i++) {
      sum += formats.get(i).weight();
      sums[i] = sum;
    }
    return sums;
  }

  // The finalizer of SplitMix64 (Steele, Lea and Flood): neighbouring indexes and seeds give unrelated streams.
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
