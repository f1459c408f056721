package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CefParserTest {

  private final CefParser parser = new CefParser();

  @Test
  void sampleWafEvent() {
    String line = TextFixtures.lines("samples/other_text_formats.log").get(3);
    assertThat(parser.matches(line)).isTrue();

    ParsedEvent event = one(parser, line);

    assertThat(event.category).isEqualTo(Category.SECURITY);
    assertThat(event.message).isEqualTo("SQL injection blocked");
    assertThat(event.severityText).isEqualTo("8");
    assertThat(event.severityNumber).isEqualTo(17);
    assertThat(event.service).isEqualTo("WAF");
    assertThat(event.sourceAddress).isEqualTo("192.0.2.10");
    assertThat(event.user).isEqualTo("mallory");
    assertThat(event.time).isNull();
    assertThat(event.attributes())
        .containsEntry("cef.version", "0")
        .containsEntry("cef.device_vendor", "Acme")
        .containsEntry("cef.device_product", "WAF")
        .containsEntry("cef.device_version", "3.1")
        .containsEntry("cef.signature_id", "1001")
        .containsEntry("cef.dst", "10.0.0.5")
        // Keys start with a letter, so "1=1--" inside the value does not start a pair.
        .containsEntry("cef.request", "/search?q=' OR 1=1--");
  }

  @Test
  void escapesTimeAndPort() {
    ParsedEvent event = one(parser,
        "CEF:0|Vendor\\|Inc|IDS|1.0|42|Port scan|Very-High|rt=1795853643120 src=192.0.2.1 spt=5555 dvchost=ids-1 msg=a\\=b c\\\\d outcome=failure cs1Label=rule name cs1=scan detected");

    assertThat(event.attributes())
        .containsEntry("cef.device_vendor", "Vendor|Inc")
        .containsEntry("cef.msg", "a=b c\\d")
        .containsEntry("cef.cs1Label", "rule name")
        .containsEntry("cef.cs1", "scan detected");
    assertThat(event.time).isEqualTo(Instant.parse("2026-11-28T08:14:03.120Z"));
    assertThat(event.sourcePort).isEqualTo(5555);
    assertThat(event.host).isEqualTo("ids-1");
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.severityNumber).isEqualTo(21);
  }

  @Test
  void arcSightDateInTheSourcesZone() {
    assertThat(one(parser, "CEF:0|A|B|1|2|n|3|rt=Jul 22 2026 09:54:02 src=192.0.2.1").time)
        .isEqualTo(Instant.parse("2026-07-22T09:54:02Z"));
  }

  @ParameterizedTest
  @CsvSource({"0, 9", "3, 9", "4, 13", "6, 13", "7, 17", "8, 17", "9, 21", "10, 21", "Low, 9", "Medium, 13", "High, 17"})
  void severityScale(String severity, int expected) {
    assertThat(one(parser, "CEF:0|A|B|1|2|n|" + severity + "|").severityNumber).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CEF:0|A|B|1|2|n", "CEF:x|A|B|1|2|n|3|", "cef:0|A|B|1|2|n|3|", "CEF:"})
  void incompleteHeaderIsNotCef(String line) {
    assertThat(parser.matches(line)).isFalse();
  }
}
