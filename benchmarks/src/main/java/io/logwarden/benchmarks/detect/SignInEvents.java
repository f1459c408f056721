package io.logwarden.benchmarks.detect;

import io.logwarden.schema.Actor;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sign-in events as the normalize topology writes them to the security-events topic (keyed by the
 * actor), built directly so that only detection is measured.
 *
 * <p>Background sources are IPv4 addresses in 10.0.0.0/8 and each attack gets a fresh address in the
 * IPv6 documentation prefix 2001:db8::/32, so an alert's key tells at once whether it belongs to an
 * attack. Background traffic is spread round robin over enough addresses and users that no address
 * sees more than {@link #BACKGROUND_PER_SOURCE_WINDOW} failures per {@link #SOURCE_WINDOW} and no user
 * more than {@link #BACKGROUND_PER_USER_WINDOW} per {@link #USER_WINDOW}: well under the brute-force
 * thresholds (8 per source in 120 s, 10 per user in 600 s), so background alone raises no alert.
 */
final class SignInEvents {

  /** Failed sign-ins from one source that open an {@code auth.brute_force.source} alert. */
  static final int ATTACK_SIZE = 8;
  static final String BRUTE_FORCE_SOURCE_RULE = "auth.brute_force.source";

  static final Duration SOURCE_WINDOW = Duration.ofSeconds(120);
  static final Duration USER_WINDOW = Duration.ofSeconds(600);
  static final int BACKGROUND_PER_SOURCE_WINDOW = 4;
  static final int BACKGROUND_PER_USER_WINDOW = 4;

  private static final String HOST = "bastion-1";
  private static final String RAW_TOPIC = "logs.raw.auth";

  private final int sources;
  private final int users;
  private long sequence;

  /**
   * @param eventsPerSecond background events per second of event time the pools must absorb
   */
  SignInEvents(double eventsPerSecond) {
    this.sources = poolSize(eventsPerSecond, SOURCE_WINDOW, BACKGROUND_PER_SOURCE_WINDOW);
    this.users = poolSize(eventsPerSecond, USER_WINDOW, BACKGROUND_PER_USER_WINDOW);
  }

  private static int poolSize(double eventsPerSecond, Duration window, int perWindow) {
    double needed = Math.ceil(eventsPerSecond * window.toSeconds() / perWindow);
    return (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, needed));
  }

  int sourcePoolSize() {
    return sources;
  }

  int userPoolSize() {
    return users;
  }

  /** The n-th background event: the next address and user round robin, failed unless told otherwise. */
  LogEvent background(long n, Instant time, boolean success) {
    String address = backgroundAddress(n % sources);
    String user = "user" + (n % users);
    return signIn(user, address, success ? Outcome.SUCCESS : Outcome.FAILURE, time);
  }

  /** The source address of attack number {@code attack}, never used by the background. */
  static String attackAddress(long attack) {
    return String.format("2001:db8:%x:%x::1", (attack >>> 16) & 0xffff, attack & 0xffff);
  }

  /** The account attack number {@code attack} tries. */
  static String attackUser(long attack) {
    return "svc" + attack;
  }

  LogEvent attack(long attack, Instant time) {
    return signIn(attackUser(attack), attackAddress(attack), Outcome.FAILURE, time);
  }

  private static String backgroundAddress(long index) {
    long a = index + 1;
    return "10." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  private LogEvent signIn(String user, String address, Outcome outcome, Instant time) {
    long n = sequence++;
    int port = 32768 + (int) (n % 28000);
    String message = (outcome == Outcome.FAILURE ? "Failed password for " : "Accepted publickey for ")
        + user + " from " + address + " port " + port + " ssh2";
    return LogEvent.newBuilder()
        .setEventId("bench-" + n)
        .setEventTime(time)
        .setObservedTime(Instant.ofEpochMilli(time.toEpochMilli()))
        .setCategory(Category.AUTHENTICATION)
        .setAction("sign_in")
        .setOutcome(outcome)
        .setSeverityNumber(outcome == Outcome.FAILURE ? 13 : 9)
        .setSeverityText(outcome == Outcome.FAILURE ? "WARN" : "INFO")
        .setActor(Actor.newBuilder().setUser(user).setProcess("sshd").build())
        .setSource(Source.newBuilder().setHost(HOST).setAddress(address).setPort(port).build())
        .setMessage(message)
        .setAttributes(Map.of("log.syslog.facility.name", "authpriv"))
        .setOrigin(Origin.newBuilder().setTopic(RAW_TOPIC).setPartition(0).setOffset(n).setFormat("syslog_rfc3164")
            .build())
        .setRedaction(Redaction.newBuilder().setKeyId("bench").build())
        .build();
  }
}
