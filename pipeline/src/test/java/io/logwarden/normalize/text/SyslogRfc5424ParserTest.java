package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogRfc5424ParserTest {

  private final SyslogRfc5424Parser parser = new SyslogRfc5424Parser();
  private final List<String> sample = TextFixtures.lines("samples/syslog_rfc5424.log");

  @Test
  void everySampleLineIsThisFormat() {
    assertThat(sample).hasSize(4).allMatch(parser::matches);
  }

  @Test
  void sshdFailureIsAFailedSignInFromTheRemoteAddress() {
    ParsedEvent event = one(parser, sample.get(0));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:10.003Z"));
    assertThat(event.severityNumber).isEqualTo(21);
    assertThat(event.severityText).isEqualTo("crit");
    assertThat(event.attributes()).containsEntry("syslog.facility", "auth").containsEntry("process.pid", "20817")
        .doesNotContainKey("syslog.msgid");
    assertThat(event.host).isEqualTo("bastion-1");
    assertThat(event.process).isEqualTo("sshd");
    assertThat(event.message).isEqualTo("Failed password for invalid user admin from 192.0.2.77 port 52114 ssh2");
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.user).isEqualTo("admin");
    assertThat(event.sourceAddress).isEqualTo("192.0.2.77");
    assertThat(event.sourcePort).isEqualTo(52114);
  }

  @Test
  void structuredDataBecomesAttributesAndSudoAnAdminAction() {
    ParsedEvent event = one(parser, sample.get(1));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T07:52:11.441Z"));
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.severityText).isEqualTo("info");
    assertThat(event.host).isEqualTo("db-2.internal");
    assertThat(event.process).isEqualTo("sudo");
    assertThat(event.attributes())
        .containsEntry("syslog.facility", "authpriv")
        .containsEntry("process.pid", "3311")
        .containsEntry("syslog.msgid", "ID47")
        .containsEntry("sd.origin.ip", "10.0.2.8")
        .containsEntry("sd.origin.software", "sudo")
        .containsEntry("sd.meta.sequenceId", "29")
        .containsEntry("sudo.run_as", "root");
    assertThat(event.message).startsWith("alice : TTY=pts/0 ; PWD=/home/alice");
    assertThat(event.category).isEqualTo(Category.SECURITY);
    assertThat(event.action).isEqualTo("admin_action");
    assertThat(event.outcome).isEqualTo(Outcome.SUCCESS);
    assertThat(event.user).isEqualTo("alice");
    assertThat(event.targetKind).isEqualTo("command");
    assertThat(event.targetName).isEqualTo("/usr/bin/psql postgresql://reporting:pgPassw0rd!@db-2.internal:5432/sales");
  }

  @Test
  void rfcExampleWithSdIdOfAnEnterprise() {
    ParsedEvent event = one(parser, sample.get(2));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:12Z"));
    assertThat(event.severityText).isEqualTo("notice");
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.attributes())
        .containsEntry("syslog.facility", "local4")
        .containsEntry("syslog.msgid", "AUDIT")
        .containsEntry("sd.exampleSDID@32473.iut", "3")
        .containsEntry("sd.exampleSDID@32473.eventSource", "Application")
        .containsEntry("sd.exampleSDID@32473.eventID", "1011");
    assertThat(event.host).isEqualTo("app-3");
    assertThat(event.process).isEqualTo("orders");
    // The sample writes the RFC's placeholder "BOM" as three letters, not as the bytes EF BB BF.
    assertThat(event.message).isEqualTo("BOMAn application event log entry");
    assertThat(event.category).isNull();
  }

  @Test
  void allNilHeaderLeavesTimeHostAndProcessUnset() {
    ParsedEvent event = one(parser, sample.get(3));

    assertThat(event.time).isNull();
    assertThat(event.host).isNull();
    assertThat(event.process).isNull();
    assertThat(event.attributes()).containsOnlyKeys("syslog.facility");
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.message).isEqualTo("message with all NILVALUE header fields");
    assertThat(event.flags()).isEmpty();
  }

  @Test
  void realBomBeforeMessageIsDropped() {
    ParsedEvent event = one(parser, "<165>1 2026-07-22T09:52:12Z app-3 orders - - - \uFEFFAn application event");

    assertThat(event.message).isEqualTo("An application event");
  }

  @Test
  void escapedQuoteBracketAndBackslashInParamValues() {
    ParsedEvent event = one(parser,
        "<13>1 2026-07-22T09:52:12.123456+00:00 h a - - [x@1 q=\"say \\\"hi\\\"\" b=\"a\\]b\" s=\"c:\\\\d\" o=\"\\n\"] msg");

    assertThat(event.attributes())
        .containsEntry("sd.x@1.q", "say \"hi\"")
        .containsEntry("sd.x@1.b", "a]b")
        .containsEntry("sd.x@1.s", "c:\\d")
        // Any other backslash is an ordinary character (RFC 5424 section 6.3.3).
        .containsEntry("sd.x@1.o", "\\n");
    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:12.123456Z"));
    assertThat(event.message).isEqualTo("msg");
  }

  @Test
  void repeatedParamsAreAllKept() {
    ParsedEvent event = one(parser, "<13>1 - h a - - [origin ip=\"10.0.0.1\" ip=\"10.0.0.2\"] m");

    assertThat(event.attributes()).containsEntry("sd.origin.ip", "10.0.0.1,10.0.0.2");
  }

  @Test
  void noMessageAfterStructuredData() {
    ParsedEvent event = one(parser, "<13>1 2026-07-22T09:52:12Z h a - - [meta sequenceId=\"1\"]");

    assertThat(event.message).isNull();
    assertThat(event.attributes()).containsEntry("sd.meta.sequenceId", "1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-07-22T09:52:12.5-07:00    | 2026-07-22T16:52:12.500Z",
      "2026-07-22T09:52:12.123456789Z | 2026-07-22T09:52:12.123456789Z",
      "2026-02-28T23:59:59+0130       | 2026-02-28T22:29:59Z",
  })
  void timestampsWithOffsetsAndFractions(String stamp, String expected) {
    ParsedEvent event = one(parser, "<13>1 " + stamp.strip() + " h a - - - m");

    assertThat(event.time).isEqualTo(Instant.parse(expected.strip()));
  }

  @Test
  void impossibleTimestampKeepsTheEventAndFlagsIt() {
    ParsedEvent event = one(parser, "<13>1 2026-02-30T09:52:12Z h a - - - m");

    assertThat(event.time).isNull();
    assertThat(event.flags()).containsExactly("bad_time");
    assertThat(event.message).isEqualTo("m");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<999>1 2026-07-22T09:52:12Z h a - - - priority out of range",
      "<13>2 2026-07-22T09:52:12Z h a - - - unknown version",
      "<13>1 2026-07-22T09:52:12Z h a - - [unterminated sd=\"x\" msg",
      "<13>1 2026-07-22T09:52:12Z h a",
      "<13>1 now h a - - - time is no time",
      "<13>1  2026-07-22T09:52:12Z h a - - - double space",
      "<13>1 2026-07-22T09:52:12Z h a - - [a][b]c",
      "13>1 2026-07-22T09:52:12Z h a - - - no opening bracket",
  })
  void brokenHeadersAreNotThisFormat(String line) {
    assertThat(parser.matches(line)).isFalse();
    // Given to this parser anyway (a source setting), the line is kept as plain text.
    ParsedEvent event = one(parser, line);
    assertThat(event.message).isEqualTo(line);
    assertThat(event.flags()).containsExactly(PlainTextParser.FORMAT_MISMATCH);
  }

  @Test
  void missingStructuredDataIsTakenAsMessage() {
    ParsedEvent event = one(parser, "<13>1 2026-07-22T09:52:12Z h a 1 - plain message without SD");

    assertThat(event.message).isEqualTo("plain message without SD");
  }

  @Test
  void repeatedMessageExpands() {
    List<ParsedEvent> events = parser.parse(
        "<38>1 2026-07-22T09:52:12Z bastion-1 sshd 7 - - message repeated 3 times: [ Failed password for root from 192.0.2.8 port 22 ssh2]",
        TextFixtures.context());

    assertThat(events).hasSize(3).allSatisfy(event -> {
      assertThat(event.message).isEqualTo("Failed password for root from 192.0.2.8 port 22 ssh2");
      assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
      assertThat(event.user).isEqualTo("root");
      assertThat(event.flags()).containsExactly("repeated");
      assertThat(event.host).isEqualTo("bastion-1");
    });
  }
}
