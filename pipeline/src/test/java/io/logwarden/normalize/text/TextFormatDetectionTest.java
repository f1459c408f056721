package io.logwarden.normalize.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.NormalizerFormats;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Detection through the normalizer: each line reaches the parser of its format. */
class TextFormatDetectionTest {

  private static final long OBSERVED = Instant.parse("2026-07-22T10:00:00Z").toEpochMilli();

  private final RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
  private long offset;

  private RecordNormalizer.Result normalize(String line, String contentType) {
    return normalizer.normalize(
        new RawRecord("logs.raw.test", 0, offset++, OBSERVED, line.getBytes(StandardCharsets.UTF_8)), contentType);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
      "<34>1 2026-07-22T09:52:10.003Z bastion-1 sshd 20817 - - Failed password for invalid user admin from 192.0.2.77 port 52114 ssh2 => syslog-rfc5424",
      "<34>Jul 22 09:52:10 bastion-1 sshd[20817]: Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2 => syslog-rfc3164",
      "Jul 22 09:52:13 no-pri-host cron[404]: (root) CMD (run-parts /etc/cron.hourly) => syslog-rfc3164",
      "I0722 09:54:00.692994   28133 controller.go:70] reconciled deployment shop/orders-api => klog",
      "127.0.0.1 - frank [22/Jul/2026:09:54:02 +0000] \"POST /login?password=letmein123 HTTP/1.1\" 302 0 => clf",
      "CEF:0|Acme|WAF|3.1|1001|SQL injection blocked|8|src=192.0.2.10 suser=mallory dst=10.0.0.5 => cef",
      "ts=2026-07-22T09:53:00.120Z level=info msg=\"request completed\" method=GET => logfmt",
      "user=alice logged in from the office => plain",
      "<999>1 2026-07-22T09:52:12Z h a - - - priority out of range => plain",
  })
  void detectsTheFormat(String line, String format) {
    RecordNormalizer.Result result = normalize(line.strip(), null);

    assertThat(result.format()).isEqualTo(format.strip());
    assertThat(result.events()).allSatisfy(event -> assertThat(event.getOrigin().getFormat()).isEqualTo(format.strip()));
  }

  @Test
  void textFormatsAreTriedFixedHeadersFirstAndTheLoosestLast() {
    List<String> text = NormalizerFormats.registry().stream().filter(f -> f.reads().equals("text"))
        .map(NormalizerFormats.Format::id).toList();
    // 5424's "<PRI>1 " before 3164's "<PRI>"; logfmt (any two key=value pairs) just before plain text, last.
    assertThat(text.indexOf("syslog-rfc5424")).isLessThan(text.indexOf("syslog-rfc3164"));
    assertThat(text.subList(text.size() - 2, text.size())).containsExactly("logfmt", "plain");
  }

  @Test
  void mappedEventOfASyslogSignInFailure() {
    RecordNormalizer.Result result = normalize(
        "<38>Jul 22 09:51:58 bastion-1 sshd[20817]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.77  user=admin",
        null);

    LogEvent event = result.events().get(0);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:51:58Z"));
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.FAILURE);
    assertThat(event.getActor().getUser()).isEqualTo("admin");
    assertThat(event.getActor().getProcess()).isEqualTo("sshd");
    assertThat(event.getSource().getHost()).isEqualTo("bastion-1");
    assertThat(event.getSource().getAddress()).isEqualTo("192.0.2.77");
    assertThat(event.getSeverityNumber()).isEqualTo(9);
    assertThat(event.getFlags()).isEmpty();
  }

  @Test
  void repeatedLineBecomesNEventsWithTheirOwnIds() {
    RecordNormalizer.Result result = normalize(
        "<38>Jul 22 09:51:58 bastion-1 sshd[20817]: message repeated 3 times: [ Failed password for root from 192.0.2.77 port 2 ssh2]",
        null);

    assertThat(result.events()).hasSize(3).extracting(LogEvent::getEventId).doesNotHaveDuplicates();
    assertThat(result.events()).allSatisfy(event -> assertThat(event.getFlags()).containsExactly("repeated"));
  }

  @Test
  void lineWithoutTimeGetsTheObservedTimeAndAFlag() {
    RecordNormalizer.Result result = normalize("<14>1 - - - - - - message with all NILVALUE header fields", null);

    assertThat(result.events().get(0).getEventTime()).isEqualTo(Instant.ofEpochMilli(OBSERVED));
    assertThat(result.events().get(0).getFlags()).containsExactly("missing_time");
  }

  @Test
  void formatNamedByAHeaderButNotMetIsKeptAsFlaggedText() {
    RecordNormalizer.Result result = normalize("just a line of text", "syslog-rfc5424");

    assertThat(result.format()).isEqualTo("syslog-rfc5424");
    assertThat(result.events().get(0).getMessage()).isEqualTo("just a line of text");
    assertThat(result.events().get(0).getFlags()).containsExactly("format_mismatch", "missing_time");
  }
}
