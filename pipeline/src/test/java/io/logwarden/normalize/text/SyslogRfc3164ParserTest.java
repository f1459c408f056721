package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogRfc3164ParserTest {

  private final SyslogRfc3164Parser parser = new SyslogRfc3164Parser();
  private final List<String> sample = TextFixtures.lines("samples/syslog_rfc3164.log");

  @Test
  void everySampleLineIsThisFormatAndNotRfc5424() {
    assertThat(sample).hasSize(4).allMatch(parser::matches).noneMatch(new SyslogRfc5424Parser()::matches);
  }

  @Test
  void acceptedPublickeyIsASuccessfulSignIn() {
    ParsedEvent event = one(parser, sample.get(0));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:10Z"));
    assertThat(event.severityText).isEqualTo("crit");
    assertThat(event.severityNumber).isEqualTo(21);
    assertThat(event.host).isEqualTo("bastion-1");
    assertThat(event.process).isEqualTo("sshd");
    assertThat(event.attributes()).containsEntry("process.pid", "20817").containsEntry("syslog.facility", "auth")
        .containsEntry("ssh.auth_method", "publickey");
    assertThat(event.message).startsWith("Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2: ED25519");
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.outcome).isEqualTo(Outcome.SUCCESS);
    assertThat(event.user).isEqualTo("deploy");
    assertThat(event.sourceAddress).isEqualTo("198.51.100.23");
    assertThat(event.sourcePort).isEqualTo(40022);
  }

  @Test
  void sudoWithoutPid() {
    ParsedEvent event = one(parser, sample.get(1));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:11Z"));
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.host).isEqualTo("db-2");
    assertThat(event.process).isEqualTo("sudo");
    assertThat(event.attributes()).doesNotContainKey("process.pid");
    assertThat(event.message).isEqualTo("alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /etc/shadow");
    assertThat(event.category).isEqualTo(Category.SECURITY);
    assertThat(event.action).isEqualTo("admin_action");
    assertThat(event.user).isEqualTo("alice");
    assertThat(event.targetKind).isEqualTo("command");
    assertThat(event.targetName).isEqualTo("/bin/cat /etc/shadow");
  }

  @Test
  void spacePaddedDay() {
    ParsedEvent event = one(parser, sample.get(2));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-02T01:02:03Z"));
    assertThat(event.severityText).isEqualTo("notice");
    assertThat(event.attributes()).containsEntry("syslog.facility", "user");
    assertThat(event.host).isEqualTo("host-without-pid");
    assertThat(event.process).isEqualTo("myapp");
    assertThat(event.message).isEqualTo("single-digit day is space padded (RFC 3164 TIMESTAMP)");
    assertThat(event.category).isNull();
  }

  @Test
  void lineWithoutPriorityHasNoSeverity() {
    ParsedEvent event = one(parser, sample.get(3));

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:13Z"));
    assertThat(event.severityNumber).isNull();
    assertThat(event.severityText).isNull();
    assertThat(event.host).isEqualTo("no-pri-host");
    assertThat(event.process).isEqualTo("cron");
    assertThat(event.attributes()).containsOnly(java.util.Map.entry("process.pid", "404"));
    assertThat(event.message).isEqualTo("(root) CMD (run-parts /etc/cron.hourly)");
  }

  @Test
  void localTimeIsReadInTheSourcesZone() {
    ParsedEvent event = parser.parse("<13>Jul 22 09:52:10 h app: m",
        TextFixtures.context(TextFixtures.OBSERVED, ZoneId.of("Europe/Berlin"))).get(0);

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T07:52:10Z"));
  }

  @Test
  void fractionOfSecondsAfterBsdTime() {
    assertThat(one(parser, "Jul 22 09:52:10.250 h app: m").time).isEqualTo(Instant.parse("2026-07-22T09:52:10.250Z"));
  }

  @Test
  void highPrecisionIsoTimestampInPlaceOfBsd() {
    ParsedEvent event = one(parser, "<86>2026-07-22T11:52:10.123456+02:00 db-2 sudo[77]: pam_unix(sudo:session): session closed for user root");

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:52:10.123456Z"));
    assertThat(event.host).isEqualTo("db-2");
    assertThat(event.process).isEqualTo("sudo");
    assertThat(event.attributes()).containsEntry("process.pid", "77");
    assertThat(event.message).isEqualTo("pam_unix(sudo:session): session closed for user root");
  }

  @Test
  void isoTimestampWithoutPriorityNeedsATag() {
    assertThat(parser.matches("2026-07-22T09:52:10Z db-2 sshd[77]: Connection closed by 192.0.2.1")).isTrue();
    assertThat(parser.matches("2026-07-22T09:52:10.123Z INFO [main] com.example.App - started")).isFalse();
  }

  @Test
  void lineWrittenByTheLocalDaemonHasNoHost() {
    ParsedEvent event = one(parser, "<38>Jul 22 09:52:10 sshd[20817]: Connection closed by 192.0.2.1 port 22");

    assertThat(event.host).isNull();
    assertThat(event.process).isEqualTo("sshd");
    assertThat(event.attributes()).containsEntry("process.pid", "20817");
    assertThat(event.message).isEqualTo("Connection closed by 192.0.2.1 port 22");
  }

  @Test
  void lineWithoutTagKeepsEverythingAfterTheHostAsMessage() {
    ParsedEvent event = one(parser, "<13>Jul 22 09:52:10 router-1 link eth0 down");

    assertThat(event.host).isEqualTo("router-1");
    assertThat(event.process).isNull();
    assertThat(event.message).isEqualTo("link eth0 down");
  }

  @Test
  void impossibleDateIsKeptAndFlagged() {
    ParsedEvent event = one(parser, "<13>Feb 30 09:52:10 h app: m");

    assertThat(event.time).isNull();
    assertThat(event.flags()).containsExactly("bad_time");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Jul 22 we met at the cafe",
      "July 22 09:52:10 h app: m",
      "Jul 22 9:52:10 h app: m",
      "<300>Jul 22 09:52:10 h app: m",
      "<13>Jul 22 09:52:10",
      "<13>hello world",
      "jul 22 09:52:10 h app: m",
      "2026-07-22 09:52:10 h app: m",
  })
  void linesThatOnlyLookSimilarAreNotThisFormat(String line) {
    assertThat(parser.matches(line)).isFalse();
  }

  @Test
  void repeatedMessageStandsForNEventsEachClassified() {
    String line = "Dec 10 07:13:56 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]";
    List<ParsedEvent> events = parser.parse(line, TextFixtures.context(Instant.parse("2026-12-10T08:00:00Z"), ZoneOffset.UTC));

    assertThat(events).hasSize(5).allSatisfy(event -> {
      assertThat(event.time).isEqualTo(Instant.parse("2026-12-10T07:13:56Z"));
      assertThat(event.host).isEqualTo("LabSZ");
      assertThat(event.process).isEqualTo("sshd");
      assertThat(event.message).isEqualTo("Failed password for root from 5.36.59.76 port 42393 ssh2");
      assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
      assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
      assertThat(event.user).isEqualTo("root");
      assertThat(event.sourceAddress).isEqualTo("5.36.59.76");
      assertThat(event.flags()).containsExactly("repeated");
    });
    // Copies, not one event five times: a later change to one must not show in another.
    assertThat(events).doesNotHaveDuplicates();
  }

  @Test
  void repeatedMessageOfAnUnclassifiedLineIsStillNEvents() {
    List<ParsedEvent> events = parser.parse("<30>Jul 22 09:52:10 h app[1]: message repeated 2 times: [ disk almost full ]",
        TextFixtures.context());

    assertThat(events).hasSize(2).allSatisfy(event -> {
      assertThat(event.message).isEqualTo("disk almost full");
      assertThat(event.category).isNull();
      assertThat(event.flags()).containsExactly("repeated");
    });
  }

  @Test
  void hugeRepeatCountIsCappedAndFlagged() {
    List<ParsedEvent> events = parser.parse(
        "<38>Jul 22 09:52:10 h sshd[1]: message repeated 99999999999999999999 times: [ Failed password for root from 192.0.2.1 port 2 ssh2]",
        TextFixtures.context());

    assertThat(events).hasSize(SyslogMessages.MAX_REPEATS);
    assertThat(events.get(0).flags()).containsExactly("repeated", "truncated");
    assertThat(events.get(SyslogMessages.MAX_REPEATS - 1).flags()).containsExactly("repeated", "truncated");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "message repeated 0 times: [ x ]",
      "message repeated many times: [ x ]",
      "message repeated 3 times: [ x",
      "message repeated 3 times",
  })
  void malformedRepeatIsOneOrdinaryEvent(String message) {
    ParsedEvent event = one(parser, "<13>Jul 22 09:52:10 h app: " + message);

    assertThat(event.message).isEqualTo(message);
    assertThat(event.flags()).isEmpty();
  }
}
