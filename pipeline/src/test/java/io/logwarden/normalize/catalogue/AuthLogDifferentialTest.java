package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security events the normalizer finds in an auth log assembled from the emitters' format
 * strings (sshd, sshd-session, Linux-PAM in its modern {@code pam_unix(sshd:auth):} layout and its
 * older {@code sshd(pam_unix)[pid]:} layout, util-linux and shadow-utils su, sudo, util-linux
 * login; {@code message repeated N times}, host names and IPv6 in {@code rhost=} and {@code FROM}),
 * against a count made here from the written classification contract with plain regular
 * expressions, independently of the catalogue: failed sign-ins per source address, successful
 * sign-ins, lockouts and administrative actions by outcome, line by line and in total.
 */
class AuthLogDifferentialTest {

  private static final String LOG = "catalogue-fixtures/differential/auth-layouts.log";
  private static final Instant OBSERVED = Instant.parse("2026-12-07T12:00:00Z");
  private static final String TOPIC = "logs.raw.auth";
  private static final String NO_ADDRESS = "-";

  // ---- The reference: the contract, read with regular expressions of its own. ----

  // "Dec  6 00:05:29 gate sshd[4003]: MSG", "... sshd(pam_unix)[8812]: MSG", "... sudo: MSG".
  private static final Pattern SYSLOG = Pattern.compile(
      "^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d (\\S+) ([^\\s\\[(:]+)(\\([^)\\s]*\\))?(?:\\[\\d+\\])?: (.*)$");
  private static final Pattern REPEATED = Pattern.compile("^message repeated (\\d+) times: \\[ ?(.*)\\]$");
  // A PAM module's failure line: "pam_X(SERVICE:auth): authentication failure; ...", or the older
  // layout's bare "authentication failure; ..." under a "SERVICE(pam_unix)" tag.
  private static final Pattern PAM_FAILURE_MODERN = Pattern.compile("^pam_\\w+\\([^:)]+:auth\\): authentication failure; (.*)$");
  private static final Pattern PAM_FAILURE_OLD = Pattern.compile("^authentication failure; (.*)$");
  private static final Pattern RHOST = Pattern.compile("(?:^| )rhost=(\\S*)");
  private static final Pattern SSHD_FAILED = Pattern.compile("^Failed \\S+ for (?:invalid user )?.* from (\\S+) port \\d+ ssh2(?::.*| \\[preauth\\])?$");
  private static final Pattern SSHD_ACCEPTED = Pattern.compile("^Accepted \\S+ for \\S+ from \\S+ port \\d+ ssh2.*$");
  private static final Pattern SESSION_MODERN = Pattern.compile("^pam_unix\\(([^:)]+):session\\): session opened for user .*$");
  private static final Pattern SESSION_OLD = Pattern.compile("^session opened for user \\S+ by .*$");
  private static final Set<String> INTERACTIVE = Set.of("sshd", "login", "gdm", "gdm-password", "lightdm", "sddm", "xdm", "kdm");
  private static final Pattern LOGIN_FAILED = Pattern.compile(
      "^(?:FAILED LOGIN \\d+|FAILED LOGIN SESSION|TOO MANY LOGIN TRIES \\(\\d+\\)) FROM (\\S+) FOR .*, [^,]*$");
  private static final Pattern LOGIN_OK = Pattern.compile("^(?:LOGIN ON \\S+ BY \\S+|ROOT LOGIN ON \\S+)(?: FROM \\S+)?$");
  private static final Pattern LOCKOUT = Pattern.compile("^pam_faillock\\([^)]*\\): Consecutive login failures for user .* account temporarily locked$");
  private static final Pattern SU_OK = Pattern.compile("^(?:\\(to \\S+\\) .* on \\S+|Successful su for \\S+ by \\S+)$");
  private static final Pattern SU_FAILED = Pattern.compile("^(?:FAILED SU \\(to \\S+\\) .* on \\S+|FAILED su for \\S+ by \\S+)$");
  private static final Pattern SUDO = Pattern.compile("^ *\\S+ : (.*)$");
  private static final Pattern SUDO_REFUSAL = Pattern.compile(
      "^(?:\\d+ incorrect password attempts?|user NOT in sudoers|command not allowed|user NOT authorized on host|a password is required) ; .*");

  /** What the contract says one line holds: failed sign-ins by source address, and tallies. */
  private record Expected(Map<String, Integer> failuresBySource, int successes, int lockouts,
      int adminSuccesses, int adminFailures) {

    static Expected none() {
      return new Expected(Map.of(), 0, 0, 0, 0);
    }
  }

  private static Expected reference(String line) {
    Matcher syslog = SYSLOG.matcher(line);
    assertThat(syslog.matches()).as("every line of the log is BSD syslog: " + line).isTrue();
    String program = syslog.group(2);
    boolean oldPam = "(pam_unix)".equals(syslog.group(3));
    String message = syslog.group(4);
    int times = 1;
    Matcher repeated = REPEATED.matcher(message);
    if (repeated.matches()) {
      times = Integer.parseInt(repeated.group(1));
      message = repeated.group(2);
    }
    boolean sshd = program.equals("sshd") || program.equals("sshd-session");
    Matcher m;
    if ((m = PAM_FAILURE_MODERN.matcher(message)).matches() || (oldPam && (m = PAM_FAILURE_OLD.matcher(message)).matches())) {
      Matcher rhost = RHOST.matcher(m.group(1));
      String source = rhost.find() && !rhost.group(1).isEmpty() ? rhost.group(1) : NO_ADDRESS;
      return new Expected(Map.of(source, times), 0, 0, 0, 0);
    }
    if (sshd && (m = SSHD_FAILED.matcher(message)).matches()) {
      return new Expected(Map.of(m.group(1), times), 0, 0, 0, 0);
    }
    if (program.equals("login") && (m = LOGIN_FAILED.matcher(message)).matches()) {
      // FROM is the remote host when login was given one, else the terminal.
      String from = m.group(1);
      String source = from.contains(".") || from.contains(":") ? from : NO_ADDRESS;
      return new Expected(Map.of(source, times), 0, 0, 0, 0);
    }
    if (sshd && SSHD_ACCEPTED.matcher(message).matches()) {
      return new Expected(Map.of(), times, 0, 0, 0);
    }
    if ((m = SESSION_MODERN.matcher(message)).matches() && INTERACTIVE.contains(m.group(1))) {
      return new Expected(Map.of(), times, 0, 0, 0);
    }
    if (oldPam && SESSION_OLD.matcher(message).matches() && INTERACTIVE.contains(program)) {
      return new Expected(Map.of(), times, 0, 0, 0);
    }
    if (program.equals("login") && LOGIN_OK.matcher(message).matches()) {
      return new Expected(Map.of(), times, 0, 0, 0);
    }
    if (LOCKOUT.matcher(message).matches()) {
      return new Expected(Map.of(), 0, times, 0, 0);
    }
    if (program.equals("su") && !oldPam) {
      if (SU_OK.matcher(message).matches()) {
        return new Expected(Map.of(), 0, 0, times, 0);
      }
      if (SU_FAILED.matcher(message).matches()) {
        return new Expected(Map.of(), 0, 0, 0, times);
      }
    }
    if (program.equals("sudo") && (m = SUDO.matcher(message)).matches()) {
      String rest = m.group(1);
      if (!rest.startsWith("(command continued)") && rest.contains("COMMAND=")) {
        return SUDO_REFUSAL.matcher(rest).matches()
            ? new Expected(Map.of(), 0, 0, 0, times)
            : new Expected(Map.of(), 0, 0, times, 0);
      }
    }
    return Expected.none();
  }

  // ---- The run. ----

  private static List<String> lines;
  private static final Map<String, Integer> EXPECTED_FAILURES = new TreeMap<>();
  private static final Map<String, Integer> ACTUAL_FAILURES = new TreeMap<>();
  private static final int[] EXPECTED = new int[4];
  private static final int[] ACTUAL = new int[4];
  private static final StringBuilder LINE_DIFFERENCES = new StringBuilder();

  @BeforeAll
  static void runBoth() {
    lines = new String(resource(LOG), StandardCharsets.UTF_8).lines().toList();
    RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      Expected expected = reference(line);
      RecordNormalizer.Result result = normalizer.normalize(
          new RawRecord(TOPIC, 0, n, OBSERVED.toEpochMilli(), line.getBytes(StandardCharsets.UTF_8)), null);
      Map<String, Integer> failures = new TreeMap<>();
      int[] counts = new int[4];
      for (LogEvent event : result.events()) {
        if (isSignIn(event, Outcome.FAILURE)) {
          String source = event.getSource() == null || event.getSource().getAddress() == null
              ? NO_ADDRESS : event.getSource().getAddress();
          failures.merge(source, 1, Integer::sum);
        } else if (isSignIn(event, Outcome.SUCCESS)) {
          counts[0]++;
        } else if (event.getCategory() == Category.AUTHENTICATION && "account_lockout".equals(event.getAction())) {
          counts[1]++;
        } else if ("admin_action".equals(event.getAction()) && event.getOutcome() == Outcome.SUCCESS) {
          counts[2]++;
        } else if ("admin_action".equals(event.getAction()) && event.getOutcome() == Outcome.FAILURE) {
          counts[3]++;
        }
      }
      int[] want = {expected.successes(), expected.lockouts(), expected.adminSuccesses(), expected.adminFailures()};
      if (!failures.equals(new TreeMap<>(expected.failuresBySource())) || !java.util.Arrays.equals(counts, want)) {
        LINE_DIFFERENCES.append("\n  line ").append(n + 1).append(": ").append(line)
            .append("\n    reference: failures=").append(new TreeMap<>(expected.failuresBySource()))
            .append(" success/lockout/admin ok/admin failed=").append(java.util.Arrays.toString(want))
            .append("\n    pipeline:  failures=").append(failures)
            .append(" success/lockout/admin ok/admin failed=").append(java.util.Arrays.toString(counts))
            .append(" entries=").append(result.events().stream()
                .map(e -> e.getAttributes() == null ? null : e.getAttributes().get("classification.entry")).toList());
      }
      expected.failuresBySource().forEach((k, v) -> EXPECTED_FAILURES.merge(k, v, Integer::sum));
      failures.forEach((k, v) -> ACTUAL_FAILURES.merge(k, v, Integer::sum));
      for (int i = 0; i < 4; i++) {
        EXPECTED[i] += want[i];
        ACTUAL[i] += counts[i];
      }
    }
  }

  @Test
  void theReferenceSeesWhatTheLogWasAssembledWith() {
    assertThat(lines).hasSizeBetween(250, 400);
    // Several attackers, by address, host name (UseDNS) and IPv6, and local failures with no address.
    assertThat(EXPECTED_FAILURES).containsKeys(
        "192.0.2.44", "203.0.113.9", "2001:db8::bad:1", "203.0.113.77", "host-7.example.net",
        "scan-3.example.org", "198.51.100.66", "192.0.2.81", "term-4.example.net", "2001:db8:7::81", NO_ADDRESS);
    assertThat(EXPECTED_FAILURES.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(100);
    assertThat(EXPECTED[0]).as("successful sign-ins").isGreaterThan(15);
    assertThat(EXPECTED[1]).as("lockouts").isEqualTo(1);
    assertThat(EXPECTED[2]).as("admin actions that succeeded").isGreaterThan(10);
    assertThat(EXPECTED[3]).as("admin actions refused").isGreaterThan(4);
  }

  @Test
  void everyLineYieldsWhatTheContractSays() {
    assertThat(LINE_DIFFERENCES.toString()).as("lines where the pipeline and the reference differ").isEmpty();
  }

  @Test
  void failedSignInsPerSourceAddressAreExactlyTheReferences() {
    assertThat(ACTUAL_FAILURES).isEqualTo(EXPECTED_FAILURES);
  }

  @Test
  void successesLockoutsAndAdminActionsAreExactlyTheReferences() {
    assertThat(ACTUAL[0]).as("successful sign-ins").isEqualTo(EXPECTED[0]);
    assertThat(ACTUAL[1]).as("lockouts").isEqualTo(EXPECTED[1]);
    assertThat(ACTUAL[2]).as("admin actions that succeeded").isEqualTo(EXPECTED[2]);
    assertThat(ACTUAL[3]).as("admin actions refused").isEqualTo(EXPECTED[3]);
  }

  private static boolean isSignIn(LogEvent event, Outcome outcome) {
    return event.getCategory() == Category.AUTHENTICATION && "sign_in".equals(event.getAction())
        && event.getOutcome() == outcome;
  }

  private static byte[] resource(String name) {
    try (InputStream in = AuthLogDifferentialTest.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
