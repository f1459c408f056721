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

class LogfmtParserTest {

  private final LogfmtParser parser = new LogfmtParser();
  private final List<String> sample = TextFixtures.lines("samples/logfmt.log");

  @Test
  void everySampleLineIsThisFormat() {
    assertThat(sample).hasSize(3).allMatch(parser::matches);
  }

  @Test
  void requestLine() {
    ParsedEvent event = one(parser, sample.get(0));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:53:00.120Z"));
    assertThat(event.severityText).isEqualTo("info");
    assertThat(event.message).isEqualTo("request completed");
    assertThat(event.user).isEqualTo("u_1842");
    assertThat(event.attributes()).containsExactly(
        java.util.Map.entry("method", "GET"),
        java.util.Map.entry("path", "/api/v1/users/u_1842"),
        java.util.Map.entry("status", "200"),
        java.util.Map.entry("duration_ms", "12"),
        java.util.Map.entry("remote_ip", "203.0.113.42"));
    assertThat(event.flags()).isEmpty();
  }

  @Test
  void errorLine() {
    ParsedEvent event = one(parser, sample.get(1));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:53:01.007Z"));
    assertThat(event.severityText).isEqualTo("error");
    assertThat(event.message).isEqualTo("upstream auth failed");
    assertThat(event.service).isEqualTo("gateway");
    assertThat(event.errorMessage).isEqualTo("401 Unauthorized");
    assertThat(event.attributes()).containsOnlyKeys("token");
  }

  @Test
  void quotedValueWithSpacesAndStandaloneKey() {
    ParsedEvent event = one(parser, sample.get(2));

    assertThat(event.severityText).isEqualTo("warn");
    assertThat(event.message).isEqualTo("slow query");
    assertThat(event.attributes())
        .containsEntry("db", "postgres")
        .containsEntry("query", "SELECT * FROM users WHERE email = 'carol@example.com'")
        .containsEntry("duration_ms", "1840")
        .containsEntry("standalone_flag", "true");
  }

  @Test
  void escapedQuotesInValues() {
    ParsedEvent event = one(parser, "level=info msg=\"said \\\"hi\\\" and left\" path=\"C:\\\\temp\" empty=");

    assertThat(event.message).isEqualTo("said \"hi\" and left");
    assertThat(event.attributes()).containsEntry("path", "C:\\temp").containsEntry("empty", "");
  }

  @Test
  void fieldsOfTheEvent() {
    ParsedEvent event = one(parser,
        "time=1795853643120 lvl=debug message=m host=web-1 app=shop logger=orders.Service trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 error=boom");

    assertThat(event.time).isEqualTo(Instant.parse("2026-11-28T08:14:03.120Z"));
    assertThat(event.severityText).isEqualTo("debug");
    assertThat(event.message).isEqualTo("m");
    assertThat(event.host).isEqualTo("web-1");
    assertThat(event.service).isEqualTo("shop");
    assertThat(event.process).isEqualTo("orders.Service");
    assertThat(event.traceId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.spanId).isEqualTo("00f067aa0ba902b7");
    assertThat(event.errorMessage).isEqualTo("boom");
    assertThat(event.attributes()).isEmpty();
  }

  @Test
  void secondAliasIsAnAttributeAndARepeatedKeyIsFlagged() {
    ParsedEvent event = one(parser, "msg=first message=second level=info level=warn");

    assertThat(event.message).isEqualTo("first");
    assertThat(event.attributes()).containsEntry("message", "second");
    assertThat(event.severityText).isEqualTo("warn");
    assertThat(event.flags()).containsExactly("duplicate_keys");
  }

  @ParameterizedTest
  @CsvSource({
      "ts=2026-07-22T09:53:00+02:00, 2026-07-22T07:53:00Z",
      "ts=1795853643, 2026-11-28T08:14:03Z",
      "ts=1795853643.25, 2026-11-28T08:14:03.250Z",
      "t=2026-07-22T09:53:00.123456789Z, 2026-07-22T09:53:00.123456789Z",
  })
  void times(String pair, String expected) {
    assertThat(one(parser, pair + " msg=x").time).isEqualTo(Instant.parse(expected));
  }

  @Test
  void unreadableTimeIsKeptAsAttributeAndFlagged() {
    ParsedEvent event = one(parser, "ts=yesterday msg=x");

    assertThat(event.time).isNull();
    assertThat(event.flags()).containsExactly("bad_time");
    assertThat(event.attributes()).containsEntry("ts", "yesterday");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "user=alice logged in",
      "retrying request attempt=3 backoff=2s",
      "the result is a=1 b=2",
      "=1 a=2 b=3",
      "\"a=1\" b=2",
      "x=1",
      "just words",
      // An open quote runs to the end of the line: one pair.
      "a=\"unterminated b=2",
  })
  void plainSentencesAreNotLogfmt(String line) {
    assertThat(parser.matches(line)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=1 b=2", "a=1 some words b=2", "a= b=", "a=\"x y\" b=\"\""})
  void twoPairsFromTheFirstTokenAreLogfmt(String line) {
    assertThat(parser.matches(line)).isTrue();
  }
}
