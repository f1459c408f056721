package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.EventIds;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fate of each kind of bad input: an event with a flag saying what was repaired, or a reason for the DLQ. */
class BadInputsTest {

  private static final Instant OBSERVED = Instant.parse("2026-11-27T08:20:00Z");
  private final RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());

  private RecordNormalizer.Result normalize(byte[] value) {
    return normalizer.normalize(new RawRecord("logs.raw.app", 0, 42L, OBSERVED.toEpochMilli(), value), null);
  }

  private RecordNormalizer.Result normalize(String value) {
    return normalize(value.getBytes(StandardCharsets.UTF_8));
  }

  private RejectedRecordException rejected(byte[] value) {
    return (RejectedRecordException) assertThatThrownBy(() -> normalize(value)).as("expected a rejection")
        .isInstanceOf(RejectedRecordException.class).actual();
  }

  private RejectedRecordException rejected(String value) {
    return rejected(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void truncatedJsonIsNotJson() {
    RejectedRecordException e = rejected("{\"timestamp\":\"2026-07-22T09:57:00Z\",\"level\":\"info\",\"msg\":\"truncated json");
    assertThat(e.reason()).isEqualTo(DeadLetterReason.NOT_JSON);
    assertThat(e.format()).isEqualTo("json");
    assertThat(e.getMessage()).startsWith("not valid JSON at line 1").doesNotContain("truncated json");
  }

  @Test
  void binaryAndInvalidUtf8AreNotText() {
    assertThat(rejected(new byte[] {0x00, 0x01, (byte) 0xfe, 'b', 'i', 'n'}).reason()).isEqualTo(DeadLetterReason.NOT_TEXT);
    assertThat(rejected(new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'}).reason())
        .isEqualTo(DeadLetterReason.NOT_TEXT);
  }

  @Test
  void jsonArrayIsNotAnObjectButABracketedTextLineIsText() {
    assertThat(rejected("[1,2,3]").reason()).isEqualTo(DeadLetterReason.NOT_AN_OBJECT);
    RecordNormalizer.Result text = normalize("[2026-11-27 08:14:03] worker started");
    assertThat(text.format()).isNotEqualTo("json");
    assertThat(text.events()).hasSize(1);
  }

  @Test
  void bareJsonScalarsAreLinesOfText() {
    RecordNormalizer.Result result = normalize("\"a bare JSON string\"");
    assertThat(result.events().get(0).getMessage()).isEqualTo("\"a bare JSON string\"");
    assertThat(result.events().get(0).getFlags()).contains("missing_time");
  }

  @Test
  void missingTimestampUsesTheObservedTimeAndIsFlagged() {
    LogEvent event = normalize("{\"level\":\"info\",\"msg\":\"valid JSON but no timestamp and no service\"}").events().get(0);
    assertThat(event.getEventTime()).isEqualTo(OBSERVED);
    assertThat(event.getClockSkewMs()).isZero();
    assertThat(event.getFlags()).containsExactly("missing_time");
  }

  @Test
  void timestampsYearsOffAreKeptAndFlagged() {
    LogEvent past = normalize("{\"timestamp\":\"2019-01-01T00:00:00Z\",\"msg\":\"old\"}").events().get(0);
    assertThat(past.getEventTime()).isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
    assertThat(past.getFlags()).containsExactly("time_far_off");
    LogEvent future = normalize("{\"timestamp\":\"2031-01-01T00:00:00Z\",\"msg\":\"ahead\"}").events().get(0);
    assertThat(future.getFlags()).containsExactly("future_time", "time_far_off");
    LogEvent slightlyAhead = normalize("{\"timestamp\":\"2026-11-27T08:20:04Z\",\"msg\":\"within tolerance\"}").events().get(0);
    assertThat(slightlyAhead.getFlags()).isEmpty();
    LogEvent ahead = normalize("{\"timestamp\":\"2026-11-27T08:20:06Z\",\"msg\":\"beyond tolerance\"}").events().get(0);
    assertThat(ahead.getFlags()).containsExactly("future_time");
  }

  @Test
  void recordsOverOneMebibyteAreTooLarge() {
    byte[] big = new byte[RecordNormalizer.MAX_RECORD_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThat(rejected(big).reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
  }

  @Test
  void jsonNestedTenThousandDeepIsTooDeep() {
    String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    RejectedRecordException e = rejected(deep);
    assertThat(e.reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
  }

  @Test
  void duplicateKeysKeepTheLastValueAndAreFlagged() {
    LogEvent event = normalize("{\"timestamp\":\"2026-07-22T09:57:01Z\",\"msg\":\"duplicate key\",\"msg\":\"second value\"}")
        .events().get(0);
    assertThat(event.getMessage()).isEqualTo("second value");
    assertThat(event.getFlags()).containsExactly("duplicate_keys");
  }

  @Test
  void wrongTypesAreRepairedAndFlagged() {
    LogEvent event = normalize("{\"timestamp\":\"not-a-date\",\"level\":42,\"msg\":null}").events().get(0);
    assertThat(event.getEventTime()).isEqualTo(OBSERVED);
    assertThat(event.getFlags()).contains("bad_time", "missing_time");
    assertThat(event.getMessage()).isNull();
  }

  @Test
  void tombstonesAndEmptyRecordsAreEmpty() {
    assertThat(rejected((byte[]) null).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
    assertThat(rejected(new byte[0]).reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
    assertThat(rejected("  \n\t ").reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
  }

  @Test
  void aLineThatIsNothingElseIsAPlainTextEvent() {
    RecordNormalizer.Result result = normalize("not json at all: just a line");
    assertThat(result.format()).isEqualTo("plain");
    assertThat(result.events()).extracting(LogEvent::getMessage).containsExactly("not json at all: just a line");
  }

  @Test
  void contentTypeHeaderOverridesDetection() {
    RecordNormalizer.Result result = normalizer.normalize(new RawRecord("logs.raw.app", 0, 1L, OBSERVED.toEpochMilli(),
        "{\"not\": \"parsed as json\"}".getBytes(StandardCharsets.UTF_8)), "text/plain; charset=utf-8");
    assertThat(result.format()).isEqualTo("plain");
    assertThat(result.events().get(0).getMessage()).isEqualTo("{\"not\": \"parsed as json\"}");
  }

  @Test
  void everyEventOfARecordGetsItsOwnIdAndIndex() {
    List<LogEvent> events = normalize("{\"timestamp\":\"2026-07-22T09:57:01Z\",\"msg\":\"one\"}").events();
    assertThat(events.get(0).getOrigin().getIndex()).isZero();
    assertThat(events.get(0).getEventId()).isEqualTo(EventIds.of("logs.raw.app", 0, 42L, 0));
  }
}
