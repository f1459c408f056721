package io.logwarden.normalize.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sign-ins the syslog parser finds in 2,000 lines of a real sshd log (Loghub OpenSSH_2k; see
 * its README for the citation), against a count made here from the written rules with plain
 * regular expressions, independently of the source catalogue.
 */
class OpenSshDatasetTest {

  private static final List<String> LINES = TextFixtures.lines("datasets/loghub-openssh/OpenSSH_2k.log");
  // The log is of December 10; read on December 11 its year is the observed one.
  private static final ParseContext CONTEXT = TextFixtures.context(Instant.parse("2026-12-11T00:00:00Z"), ZoneOffset.UTC);

  // Reference rules, written from the semantics rather than from the classifier.
  private static final Pattern SYSLOG = Pattern.compile("^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d (\\S+) ([^\\[: ]+)(?:\\[\\d+\\])?: (.*)$");
  private static final Pattern REPEATED = Pattern.compile("^message repeated (\\d+) times: \\[\\s*(.*?)\\s*\\]$");
  private static final Pattern PAM_FAILURE = Pattern.compile("^pam_\\w+\\(\\S*\\): authentication failure;.*");
  private static final Pattern PAM_RHOST = Pattern.compile("\\brhost=(\\S+)");
  private static final Pattern SSHD_FAILED = Pattern.compile("^Failed \\S+ for (?:invalid user )?(.*) from (\\S+) port (\\d+)\\b.*");
  private static final Pattern BARE_FAILED = Pattern.compile("(?i)^authentication failed(?: from \\S+.*|[.!]?)$");
  private static final Pattern SSHD_ACCEPTED = Pattern.compile("^Accepted \\S+ for (\\S+) from (\\S+) port (\\d+)\\b.*");

  private record Expected(int failures, int successes, List<String> failureAddresses) {}

  private static Expected reference(String line) {
    Matcher syslog = SYSLOG.matcher(line);
    assertThat(syslog.matches()).as("every line of the dataset is BSD syslog").isTrue();
    String process = syslog.group(2);
    String message = syslog.group(3);
    int times = 1;
    Matcher repeated = REPEATED.matcher(message);
    if (repeated.matches()) {
      times = Integer.parseInt(repeated.group(1));
      message = repeated.group(2);
    }
    boolean sshd = process.startsWith("sshd");
    List<String> addresses = new ArrayList<>();
    int failures = 0;
    int successes = 0;
    Matcher pam = PAM_FAILURE.matcher(message);
    Matcher failed = SSHD_FAILED.matcher(message);
    if (pam.matches()) {
      failures = times;
      Matcher rhost = PAM_RHOST.matcher(message);
      addresses.add(rhost.find() ? rhost.group(1) : null);
    } else if (sshd && failed.matches()) {
      failures = times;
      addresses.add(failed.group(2));
    } else if (BARE_FAILED.matcher(message).matches()) {
      failures = times;
    } else if (sshd && (SSHD_ACCEPTED.matcher(message).matches() || message.contains("session opened for user "))) {
      successes = times;
    }
    return new Expected(failures, successes, addresses);
  }

  @Test
  void failedSignInsMatchAnIndependentCountLineByLine() {
    SyslogRfc3164Parser parser = new SyslogRfc3164Parser();
    int expectedFailures = 0;
    int expectedSuccesses = 0;
    int failures = 0;
    int successes = 0;
    int pamFailures = 0;
    for (String line : LINES) {
      Expected expected = reference(line);
      List<ParsedEvent> events = parser.parse(line, CONTEXT);
      long lineFailures = events.stream().filter(e -> isSignIn(e, Outcome.FAILURE)).count();
      long lineSuccesses = events.stream().filter(e -> isSignIn(e, Outcome.SUCCESS)).count();
      assertThat(lineFailures).as(line).isEqualTo(expected.failures());
      assertThat(lineSuccesses).as(line).isEqualTo(expected.successes());
      for (ParsedEvent event : events) {
        assertThat(event.host).isEqualTo("LabSZ");
        assertThat(event.process).isEqualTo("sshd");
        assertThat(event.time).isBetween(Instant.parse("2026-12-10T00:00:00Z"), Instant.parse("2026-12-11T00:00:00Z"));
        if (isSignIn(event, Outcome.FAILURE) && !expected.failureAddresses().isEmpty()) {
          assertThat(event.sourceAddress).as(line).isEqualTo(expected.failureAddresses().get(0));
        }
      }
      expectedFailures += expected.failures();
      expectedSuccesses += expected.successes();
      failures += (int) lineFailures;
      successes += (int) lineSuccesses;
      if (line.contains("authentication failure;") && line.contains("pam_unix")) {
        pamFailures += (int) lineFailures;
      }
    }
    assertThat(LINES).hasSize(2000);
    assertThat(failures).isEqualTo(expectedFailures);
    assertThat(successes).isEqualTo(expectedSuccesses);
    // The README's description: about 520 Failed password lines (plus repeats), about 500 PAM lines,
    // one accepted password (a sign-in and the session it opened).
    assertThat(pamFailures).isBetween(450, 550);
    assertThat(failures - pamFailures).isBetween(480, 600);
    assertThat(successes).isEqualTo(2);
  }

  @Test
  void noticesAboutTheSameAttemptsAreNotCounted() {
    SyslogRfc3164Parser parser = new SyslogRfc3164Parser();
    for (String line : LINES) {
      if (line.contains("Invalid user ") || line.contains("check pass; user unknown")
          || line.contains("more authentication failure") || line.contains("Received disconnect")
          || line.contains("Connection closed") || line.contains("POSSIBLE BREAK-IN ATTEMPT!")) {
        assertThat(parser.parse(line, CONTEXT)).as(line).singleElement()
            .satisfies(event -> assertThat(event.category).isNull());
      }
    }
  }

  private static boolean isSignIn(ParsedEvent event, Outcome outcome) {
    return event.category == Category.AUTHENTICATION && "sign_in".equals(event.action) && event.outcome == outcome;
  }
}
