package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.LogEvent;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The fate of every line of bad_inputs.txt: an event with repair flags, or a dead letter with its reason. */
class BadJsonInputsTest {

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);
  private final List<byte[]> lines = Samples.lines("bad_inputs.txt");

  private RecordNormalizer.Result normalize(int line) {
    return Samples.normalize(normalizer, lines.get(line));
  }

  private void assertRejected(int line, DeadLetterReason reason) {
    assertThatThrownBy(() -> normalize(line))
        .isInstanceOf(RejectedRecordException.class)
        .extracting(e -> ((RejectedRecordException) e).reason())
        .isEqualTo(reason);
  }

  private LogEvent event(int line, String format) {
    RecordNormalizer.Result result = normalize(line);
    assertThat(result.format()).isEqualTo(format);
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  @Test
  void everyLineHasItsFate() {
    assertThat(lines).hasSize(10);

    assertRejected(0, DeadLetterReason.NOT_JSON);

    LogEvent plain = event(1, "plain");
    assertThat(plain.getMessage()).isEqualTo("not json at all: just a line");
    assertThat(plain.getFlags()).containsExactly("missing_time");

    LogEvent noTime = event(2, "json");
    assertThat(noTime.getMessage()).isEqualTo("valid JSON but no timestamp and no service");
    assertThat(noTime.getEventTime()).isEqualTo(Samples.OBSERVED);
    assertThat(noTime.getSeverityNumber()).isEqualTo(9);
    assertThat(noTime.getFlags()).containsExactly("missing_time");

    assertRejected(3, DeadLetterReason.NOT_AN_OBJECT);
    // A quoted line is a line of text: many plain logs open with a quotation.
    assertThat(event(4, "plain").getMessage()).isEqualTo("\"a bare JSON string\"");

    // Every field of the wrong kind: the event is kept with what could be read, and says what could not.
    LogEvent wrongTypes = event(5, "json");
    assertThat(wrongTypes.getFlags()).containsExactly("bad_time", "bad_level", "missing_time");
    assertThat(wrongTypes.getEventTime()).isEqualTo(Samples.OBSERVED);
    assertThat(wrongTypes.getSeverityText()).isEqualTo("42");
    assertThat(wrongTypes.getSeverityNumber()).isNull();
    assertThat(wrongTypes.getMessage()).isNull();
    assertThat(wrongTypes.getAttributes()).isEmpty();

    LogEvent duplicate = event(6, "json");
    assertThat(duplicate.getMessage()).isEqualTo("second value");
    assertThat(duplicate.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:57:01Z"));
    assertThat(duplicate.getFlags()).containsExactly("duplicate_keys");

    assertRejected(7, DeadLetterReason.EMPTY_RECORD);
    assertRejected(8, DeadLetterReason.NOT_TEXT);
    assertRejected(9, DeadLetterReason.NOT_TEXT);
  }

  @Test
  void rejectionsNeverQuoteTheRecord() {
    for (int line : new int[] {0, 3, 7, 8, 9}) {
      assertThatThrownBy(() -> normalize(line))
          .asInstanceOf(InstanceOfAssertFactories.throwable(RejectedRecordException.class))
          .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
          .doesNotContain("truncated json", "a bare JSON string", "garbage", "invalid utf8", "1,2,3");
    }
  }
}
