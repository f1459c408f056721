package io.logwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The rate limit's token bucket, the circuit breaker and the reading of Retry-After. */
class DeliveryPartsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void theBucketAllowsABurstThenOneRequestPerItsShareOfThePeriod() {
    TokenBucket bucket = new TokenBucket(new RateLimit(3, Duration.ofSeconds(3)), 0);
    assertThat(bucket.reserve(0, 10 * SECOND)).isZero();
    assertThat(bucket.reserve(0, 10 * SECOND)).isZero();
    assertThat(bucket.reserve(0, 10 * SECOND)).isZero();
    // Empty: the next token comes a second later, the one after two seconds later.
    assertThat(bucket.reserve(0, 10 * SECOND)).isEqualTo(SECOND);
    assertThat(bucket.reserve(0, 10 * SECOND)).isEqualTo(2 * SECOND);
    // Past the latest time it may go: nothing reserved.
    assertThat(bucket.reserve(0, SECOND)).isEqualTo(-1);
    assertThat(bucket.reserve(0, 3 * SECOND)).isEqualTo(3 * SECOND);
    // After a quiet spell it is full again, never fuller.
    long later = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.reserve(later, later + SECOND)).isEqualTo(later);
    }
    assertThat(bucket.reserve(later, later + 10 * SECOND)).isEqualTo(later + SECOND);
  }

  @Test
  void theCircuitOpensForItsTimeThenLetsOneProbeThrough() {
    CircuitBreaker circuit = new CircuitBreaker(Duration.ofSeconds(60));
    assertThat(circuit.allows(0)).isTrue();
    assertThat(circuit.probing(0)).isFalse();
    circuit.failed(10 * SECOND);
    assertThat(circuit.allows(11 * SECOND)).isFalse();
    assertThat(circuit.remaining(11 * SECOND)).isEqualTo(59 * SECOND);
    assertThat(circuit.allows(70 * SECOND)).isTrue();
    assertThat(circuit.probing(70 * SECOND)).isTrue();
    circuit.failed(70 * SECOND);
    assertThat(circuit.allows(71 * SECOND)).isFalse();
    circuit.answered();
    assertThat(circuit.allows(71 * SECOND)).isTrue();
    assertThat(circuit.probing(71 * SECOND)).isFalse();
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDateAndIsCappedAtAnHour() {
    assertThat(HttpChannel.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpChannel.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    assertThat(HttpChannel.retryAfter("86400")).isEqualTo(Duration.ofHours(1));
    assertThat(HttpChannel.retryAfter(null)).isNull();
    assertThat(HttpChannel.retryAfter("soon")).isNull();
    assertThat(HttpChannel.retryAfter("-5")).isNull();
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)
        .plusMinutes(2));
    assertThat(HttpChannel.retryAfter(inTwoMinutes)).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
    assertThat(HttpChannel.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
  }
}
