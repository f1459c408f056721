package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.EventTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ISO-8601 reading that JSON times go through agrees with java.time's formatters
 * (after the two near-ISO repairs it documents).
 */
class IsoTimeFastPathTest {

  private static final String[] OFFSETS =
      {"", "Z", "z", "+02:00", "-10:30", "+18:00", "+18:30", "+0200", "+02", "-00:00"};
  private static final String[] FRACTIONS = {"", ".5", ".120", ".518412345", ".1234567890", ".", ".12a"};

  // The formatters, after the two repairs parseIso documents: a space for the T (RFC 3339 allows it)
  // and an offset written without its colon (+0200).
  private static Instant reference(String original, ZoneId zone) {
    String text = original;
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + "T" + text.substring(11);
    }
    if (text.matches(".*T.*:.*[+-][0-9]{4}")) {
      text = text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2);
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
      } catch (DateTimeParseException notLocal) {
        return null;
      }
    }
  }

  @Test
  void agreesWithTheFormattersOnRandomTimes() {
    Random random = new Random(7);
    ZoneId[] zones = {ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), java.time.ZoneOffset.ofHours(-3)};
    for (int i = 0; i < 20_000; i++) {
      String text = String.format("%04d-%02d-%02d%c%02d:%02d:%02d%s%s",
          random.nextInt(10) == 0 ? random.nextInt(10_000) : 1970 + random.nextInt(100),
          random.nextInt(14), random.nextInt(33), random.nextInt(20) == 0 ? ' ' : 'T',
          random.nextInt(26), random.nextInt(62), random.nextInt(62),
          FRACTIONS[random.nextInt(FRACTIONS.length)], OFFSETS[random.nextInt(OFFSETS.length)]);
      ZoneId zone = zones[random.nextInt(zones.length)];
      assertThat(EventTimes.parseIso(text, zone)).as(text).isEqualTo(reference(text, zone));
    }
  }

  @Test
  void leapDaysAndZoneGaps() {
    assertThat(EventTimes.parseIso("2028-02-29T00:00:00Z")).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    assertThat(EventTimes.parseIso("2026-02-29T00:00:00Z")).isNull();
    // 02:30 does not exist in Berlin on that night; java.time moves it forward, and so must we.
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(EventTimes.parseIso("2026-03-29T02:30:00", berlin)).isEqualTo(reference("2026-03-29T02:30:00", berlin));
  }
}
