package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimesTest {

  @ParameterizedTest
  @CsvSource({
      "1795853643,            2026-11-28T08:14:03Z",
      "1795853643.25,         2026-11-28T08:14:03.250Z",
      "1795853643120,         2026-11-28T08:14:03.120Z",
      "1795853643120456,      2026-11-28T08:14:03.120456Z",
      "1795853643120456789,   2026-11-28T08:14:03.120456789Z",
  })
  void epochNumbersInEveryUnit(String epoch, String expected) {
    assertThat(EventTimes.fromEpoch(new BigDecimal(epoch))).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-11-27T09:14:03.120+01:00, 2026-11-27T08:14:03.120Z",
      "2026-11-27T08:14:03Z,          2026-11-27T08:14:03Z",
      "2026-11-26T22:14:03-10:00,     2026-11-27T08:14:03Z",
      // No zone: UTC.
      "2026-11-27T08:14:03.5,         2026-11-27T08:14:03.500Z",
  })
  void isoWithAnyOffsetOrNone(String text, String expected) {
    assertThat(EventTimes.parseIso(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"not-a-date", "27/11/2026 08:14", "2026-13-01T00:00:00Z"})
  void unreadableTextIsNull(String text) {
    assertThat(EventTimes.parseIso(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"-5", "99999999999999999999999999999999"})
  void negativeOrAbsurdEpochIsNull(String epoch) {
    assertThat(EventTimes.fromEpoch(new BigDecimal(epoch))).isNull();
  }
}
