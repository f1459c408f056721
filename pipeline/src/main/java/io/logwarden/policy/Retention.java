package io.logwarden.policy;

import java.time.Duration;
import java.util.Objects;

/** How long a store keeps data: a fixed period, or unlimited (Kafka's {@code retention.ms=-1}). */
public record Retention(Duration period, String text) {

  /** Days in a year as the policy counts them ("7 years" is 7 x 365 days). */
  public static final int DAYS_PER_YEAR = 365;

  public Retention {
    Objects.requireNonNull(text, "text");
    if (period != null && (period.isNegative() || period.isZero())) {
      throw new IllegalArgumentException("retention must be positive: " + text);
    }
  }

  public static Retention unlimited() {
    return new Retention(null, "unlimited");
  }

  public static Retention of(Duration period, String text) {
    return new Retention(Objects.requireNonNull(period, "period"), text);
  }

  public boolean isUnlimited() {
    return period == null;
  }

  /** The value of the topic's {@code retention.ms}: milliseconds, or -1 for unlimited. */
  public long toMillis() {
    return period == null ? -1L : period.toMillis();
  }

  @Override
  public String toString() {
    return text;
  }
}
