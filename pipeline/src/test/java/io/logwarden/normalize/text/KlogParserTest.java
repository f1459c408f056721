package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KlogParserTest {

  private final KlogParser parser = new KlogParser();
  private final List<String> sample = TextFixtures.lines("samples/other_text_formats.log");

  @Test
  void onlyTheKlogLinesOfTheSampleAreThisFormat() {
    assertThat(sample).hasSize(4);
    assertThat(sample.subList(0, 2)).allMatch(parser::matches);
    assertThat(sample.subList(2, 4)).noneMatch(parser::matches);
  }

  @Test
  void infoLine() {
    ParsedEvent event = one(parser, sample.get(0));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:54:00.692994Z"));
    assertThat(event.severityText).isEqualTo("I");
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.attributes())
        .containsEntry("thread.id", "28133")
        .containsEntry("log.origin.file.name", "controller.go")
        .containsEntry("log.origin.file.line", "70");
    assertThat(event.message).isEqualTo("reconciled deployment shop/orders-api");
    assertThat(event.host).isNull();
    assertThat(event.process).isNull();
  }

  @Test
  void errorLine() {
    ParsedEvent event = one(parser, sample.get(1));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:54:01.000001Z"));
    assertThat(event.severityNumber).isEqualTo(17);
    assertThat(event.attributes()).containsEntry("log.origin.file.name", "client.go").containsEntry("log.origin.file.line", "112");
    assertThat(event.message).isEqualTo("failed to list secrets: Unauthorized");
  }

  @ParameterizedTest
  @CsvSource({"I, 9", "W, 13", "E, 17", "F, 21"})
  void severityFromTheLetter(String letter, int severity) {
    assertThat(one(parser, letter + "0722 09:54:00.000000 1 a.go:1] m").severityNumber).isEqualTo(severity);
  }

  @Test
  void structuredMessageGivesAttributes() {
    ParsedEvent event = one(parser,
        "E0722 09:54:01.000001   28133 client.go:112] \"Failed to sync\" err=\"secrets is forbidden: \\\"x\\\"\" pod=\"shop/orders-api-7d9\" attempt=3");

    assertThat(event.message).isEqualTo("Failed to sync");
    assertThat(event.errorMessage).isEqualTo("secrets is forbidden: \"x\"");
    assertThat(event.attributes()).containsEntry("pod", "shop/orders-api-7d9").containsEntry("attempt", "3");
  }

  @Test
  void emptyMessage() {
    assertThat(one(parser, "I0722 09:54:00.692994   28133 controller.go:70]").message).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "X0722 09:54:00.692994   28133 controller.go:70] m",
      "I0722 09:54:00.692994 controller.go:70] no thread id",
      "I0722 09:54:00.692994   28133 controller.go] no line",
      "I0722 09:54:00.692994   28133 controller.go:70 no bracket",
      "Info: 0722 09:54:00 something",
      "I am a sentence that starts with I",
  })
  void linesThatOnlyLookSimilar(String line) {
    assertThat(parser.matches(line)).isFalse();
  }
}
