package io.logwarden.benchmarks.corpus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The timestamp layouts of the input formats, each as its emitters write it. */
final class TimeLayouts {

  /** The offset of the JSON application logs that write local time with an offset (logback). */
  static final ZoneOffset LOCAL = ZoneOffset.ofHours(1);

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_OFFSET_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(LOCAL);
  private static final DateTimeFormatter BSD_SYSLOG =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter KLOG =
      DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TEXT_LOG =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TimeLayouts() {}

  /** {@code 2026-12-07T08:00:01.123Z} */
  static String isoMillis(Instant time) {
    return ISO_MILLIS.format(time);
  }

  /** {@code 2026-12-07T08:00:01.123456Z} */
  static String isoMicros(Instant time) {
    return ISO_MICROS.format(time);
  }

  /** {@code 2026-12-07T08:00:01.123456789Z} */
  static String isoNanos(Instant time) {
    return ISO_NANOS.format(time);
  }

  /** {@code 2026-12-07T08:00:01Z} (CloudTrail) */
  static String isoSeconds(Instant time) {
    return ISO_SECONDS.format(time);
  }

  /** {@code 2026-12-07T09:00:01.123+01:00} (logback's local time with its offset) */
  static String isoOffsetMillis(Instant time) {
    return ISO_OFFSET_MILLIS.format(time);
  }

  /** {@code Dec  7 08:00:01} (RFC 3164: no year, the day space-padded) */
  static String bsdSyslog(Instant time) {
    return BSD_SYSLOG.format(time);
  }

  /** {@code 1207 08:00:01.123456} (klog, after its level letter) */
  static String klog(Instant time) {
    return KLOG.format(time);
  }

  /** {@code 07/Dec/2026:08:00:01 +0000} (Common Log Format) */
  static String clf(Instant time) {
    return CLF.format(time);
  }

  /** {@code 2026-12-07 08:00:01,123} (text application logs) */
  static String textLog(Instant time) {
    return TEXT_LOG.format(time);
  }

  /** Epoch seconds with microseconds, as a JSON number: {@code 1796630401.123456} (Fluent Bit, Sentry). */
  static String epochSecondsMicros(Instant time) {
    return time.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", time.getNano() / 1_000);
  }

  /** Epoch nanoseconds (OTLP/JSON writes them as a string). */
  static String epochNanos(Instant time) {
    return Long.toString(time.getEpochSecond() * 1_000_000_000L + time.getNano());
  }
}
