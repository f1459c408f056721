package io.logwarden.detect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference reading of a BSD-syslog sshd log, written from the detection contract with plain
 * regular expressions and nothing of the product's parsers: one event per sign-in line, a {@code
 * message repeated N times: [ ... ]} line standing for N of them.
 *
 * <ul>
 *   <li>failed sign-in: a PAM {@code authentication failure;} line (source {@code rhost=}, user
 *       {@code user=}), an sshd {@code Failed <method> for [invalid user ]USER from ADDR port P}
 *       line, or {@code Authentication failed [from ADDR]} (any case);
 *   <li>successful sign-in: an sshd {@code Accepted <method> for USER from ADDR port P} line, or a
 *       {@code session opened for user USER} line logged by sshd;
 *   <li>everything else ({@code Invalid user}, {@code PAM N more authentication failures}, {@code
 *       check pass; user unknown}, disconnects, ...) is no sign-in.
 * </ul>
 *
 * The source is the remote address as the log writes it, never the syslog host field; the user is
 * the account the attempt was for, as written (sshd prints it verbatim, so {@code "invalid user
 * 0101"} with two spaces names the user {@code " 0101"}).
 */
final class ReferenceSshLog {

  enum Outcome { FAILURE, SUCCESS }

  /**
   * One sign-in. {@code line} is the 0-based line number, {@code repeat} the index among the events
   * of a {@code message repeated} line; source and user are null when the line names none.
   */
  record SignIn(Instant time, int line, int repeat, Outcome outcome, String source, String user) {}

  /** What the reading found: the sign-ins in line order, and tallies for sanity checks. */
  record Reading(List<SignIn> signIns, int lines, int pamFailures, int sshdFailures, int otherFailures,
      int successes, int errorLines) {}

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  // "Dec 10 06:55:46 LabSZ sshd[24200]: MSG" (no <PRI>: the lines carry no severity).
  private static final Pattern SYSLOG = Pattern.compile(
      "^(<\\d{1,3}>)?([A-Z][a-z]{2}) ( \\d|\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d) (\\S+) ([^\\s\\[:]+)(?:\\[\\d+\\])?: ?(.*)$");
  private static final Pattern REPEATED = Pattern.compile("^message repeated (\\d+) times: \\[\\s*(.*?)\\s*\\]$");
  private static final Pattern PAM_FAILURE = Pattern.compile("^pam_[^\\s(]*\\([^)\\s]*\\): authentication failure;(.*)$");
  // The older layout: the module in the tag ("sshd(pam_unix)[42]:"), the message without it.
  private static final Pattern OLD_PAM_TAG = Pattern.compile("^[^\\s(]+\\(pam_[^\\s)]*\\)$");
  private static final Pattern OLD_PAM_FAILURE = Pattern.compile("^authentication failure;(.*)$");
  private static final Pattern PAM_RHOST = Pattern.compile("(?:^|\\s)rhost=(\\S*)");
  private static final Pattern PAM_USER = Pattern.compile("(?:^|\\s)user=(\\S*)");
  private static final Pattern SSHD_FAILED = Pattern.compile("^Failed \\S+ for (?:invalid user )?(.*) from (\\S+) port \\d+(?:\\s.*)?$");
  private static final Pattern AUTH_FAILED = Pattern.compile(
      "^(?i:authentication failed)(?: from (\\S+?)[.,;!]*(?: .*)?|[.,;! ]*)$");
  private static final Pattern SSHD_ACCEPTED = Pattern.compile("^Accepted \\S+ for (\\S+) from (\\S+) port \\d+(?:\\s.*)?$");
  private static final Pattern SESSION_OPENED = Pattern.compile("session opened for user ([^\\s(]+)");

  private ReferenceSshLog() {}

  /**
   * Reads the lines. Year-less times are read in {@code zone} in the year of {@code observed}, or
   * the year before when that would put them more than a day after {@code observed}.
   */
  static Reading read(List<String> lines, ZoneId zone, Instant observed) {
    List<SignIn> signIns = new ArrayList<>();
    int pam = 0;
    int sshd = 0;
    int other = 0;
    int successes = 0;
    int errors = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      Matcher syslog = SYSLOG.matcher(line);
      if (!syslog.matches()) {
        throw new AssertionError("reference: line " + (n + 1) + " is not BSD syslog: " + line);
      }
      if (syslog.group(1) != null) {
        int severity = Integer.parseInt(syslog.group(1).substring(1, syslog.group(1).length() - 1)) % 8;
        if (severity <= 3) {
          errors++;
        }
      }
      Instant time = time(syslog, zone, observed);
      boolean bySshd = syslog.group(8).startsWith("sshd");
      String message = syslog.group(9);
      int times = 1;
      Matcher repeated = REPEATED.matcher(message);
      if (repeated.matches()) {
        times = Integer.parseInt(repeated.group(1));
        message = repeated.group(2);
      }
      SignIn one = null;
      Matcher m;
      boolean olderPam = OLD_PAM_TAG.matcher(syslog.group(8)).matches();
      if ((m = PAM_FAILURE.matcher(message)).matches()
          || (olderPam && (m = OLD_PAM_FAILURE.matcher(message)).matches())) {
        String rest = m.group(1);
        Matcher rhost = PAM_RHOST.matcher(rest);
        Matcher user = PAM_USER.matcher(rest);
        one = new SignIn(time, n, 0, Outcome.FAILURE, rhost.find() ? blankToNull(rhost.group(1)) : null,
            user.find() ? blankToNull(user.group(1)) : null);
        pam += times;
      } else if (bySshd && (m = SSHD_FAILED.matcher(message)).matches()) {
        one = new SignIn(time, n, 0, Outcome.FAILURE, m.group(2), m.group(1).isEmpty() ? null : m.group(1));
        sshd += times;
      } else if ((m = AUTH_FAILED.matcher(message)).matches()) {
        one = new SignIn(time, n, 0, Outcome.FAILURE, m.group(1), null);
        other += times;
      } else if (bySshd && (m = SSHD_ACCEPTED.matcher(message)).matches()) {
        one = new SignIn(time, n, 0, Outcome.SUCCESS, m.group(2), m.group(1));
        successes += times;
      } else if (bySshd && (m = SESSION_OPENED.matcher(message)).find()) {
        one = new SignIn(time, n, 0, Outcome.SUCCESS, null, m.group(1));
        successes += times;
      }
      if (one != null) {
        for (int k = 0; k < times; k++) {
          signIns.add(new SignIn(one.time(), n, k, one.outcome(), one.source(), one.user()));
        }
      }
    }
    return new Reading(List.copyOf(signIns), lines.size(), pam, sshd, other, successes, errors);
  }

  private static Instant time(Matcher syslog, ZoneId zone, Instant observed) {
    int month = MONTHS.indexOf(syslog.group(2)) / 3 + 1;
    int day = Integer.parseInt(syslog.group(3).strip());
    int hour = Integer.parseInt(syslog.group(4));
    int minute = Integer.parseInt(syslog.group(5));
    int second = Integer.parseInt(syslog.group(6));
    int year = observed.atZone(zone).getYear();
    Instant time = LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toInstant();
    if (time.isAfter(observed.plusSeconds(86_400))) {
      time = LocalDateTime.of(year - 1, month, day, hour, minute, second).atZone(zone).toInstant();
    }
    return time;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The text the pipeline pseudonymizes for a source address: an IPv4 without leading zeros, a host
   * name lower-cased. IPv6 is not in the dataset and not covered here.
   */
  static String normalizedAddress(String address) {
    String a = address.strip();
    Matcher ipv4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$").matcher(a);
    if (ipv4.matches()) {
      StringBuilder out = new StringBuilder();
      for (int g = 1; g <= 4; g++) {
        int octet = Integer.parseInt(ipv4.group(g));
        if (octet > 255) {
          return a.toLowerCase(Locale.ROOT);
        }
        out.append(g > 1 ? "." : "").append(octet);
      }
      return out.toString();
    }
    if (a.indexOf(':') >= 0) {
      throw new AssertionError("reference: IPv6 source addresses are not covered: " + address);
    }
    return a.toLowerCase(Locale.ROOT);
  }

  /** The text the pipeline pseudonymizes for a user name: as written, an e-mail address lower-cased. */
  static String normalizedUser(String user) {
    int at = user.indexOf('@');
    boolean email = at > 0 && at < user.length() - 1 && user.indexOf('@', at + 1) < 0
        && user.chars().noneMatch(Character::isWhitespace);
    if (user.matches("\\d{1,3}(\\.\\d{1,3}){3}") || user.indexOf(':') >= 0) {
      throw new AssertionError("reference: a user name that is an IP address is not covered: " + user);
    }
    return email ? user.toLowerCase(Locale.ROOT) : user;
  }
}
