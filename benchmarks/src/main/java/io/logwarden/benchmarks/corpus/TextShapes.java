package io.logwarden.benchmarks.corpus;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Background records of the text formats, each in its emitters' layout, filled in from a {@link Scene}. */
final class TextShapes {

  /** syslog facility local0, where the applications log. */
  private static final int LOCAL0 = 16;
  /** syslog facility auth, where sshd logs. */
  static final int AUTH = 4;
  /** syslog facility authpriv, where sudo logs. */
  static final int AUTHPRIV = 10;
  private static final int CRON = 9;

  private static final List<String> KLOG_FILES = List.of("controller.go", "reflector.go", "round_trippers.go",
      "replica_set.go", "event.go", "leaderelection.go");
  private static final List<String> PATHS = List.of("/api/v1/orders/", "/products/", "/api/v1/cart/", "/static/app.",
      "/api/v1/search?q=item", "/images/p/");
  private static final List<String> AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
      "curl/8.5.0", "kube-probe/1.30");

  private TextShapes() {}

  /** RFC 5424: an application's line, with structured data on some. */
  static String syslog5424(Scene s) {
    SplittableRandom r = s.random();
    String data = r.nextInt(3) == 0
        ? "[origin ip=\"10.0." + r.nextInt(1, 9) + "." + r.nextInt(2, 250) + "\" software=\"" + s.service()
            + "\"][meta sequenceId=\"" + r.nextInt(1, 100_000) + "\"]"
        : "-";
    return "<" + (LOCAL0 * 8 + Vocabulary.syslogSeverity(s.level())) + ">1 " + TimeLayouts.isoMicros(s.time()) + " "
        + s.host() + " " + s.service() + " " + r.nextInt(300, 60_000) + " " + Randoms.pick(r, "-", "ID47", "REQ")
        + " " + data + " " + s.message();
  }

  /**
   * RFC 3164: an application's line, a cron job, or sshd's notices about connections that are not the
   * result of a sign-in (an unknown user's name before its attempt, a closed or finished connection);
   * one in ten without the PRI, as local files forwarded as they are.
   */
  static String syslog3164(Scene s) {
    SplittableRandom r = s.random();
    int kind = s.leaks() ? 0 : r.nextInt(10);
    String pri;
    String program;
    String message;
    if (kind < 6) {
      pri = "<" + (LOCAL0 * 8 + Vocabulary.syslogSeverity(s.level())) + ">";
      program = s.service() + "[" + r.nextInt(300, 60_000) + "]";
      message = s.message();
    } else if (kind < 8) {
      pri = "<" + (CRON * 8 + 6) + ">";
      program = "CRON[" + r.nextInt(300, 60_000) + "]";
      message = "(root) CMD (" + Randoms.pick(r, "run-parts /etc/cron.hourly", "/usr/local/bin/rotate-exports",
          "test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily") + ")";
    } else {
      pri = "<" + (AUTH * 8 + 6) + ">";
      program = "sshd[" + r.nextInt(300, 60_000) + "]";
      message = switch (r.nextInt(3)) {
        case 0 -> "Invalid user " + s.user() + " from " + s.address() + " port " + r.nextInt(1_024, 65_536);
        case 1 -> "Connection closed by " + s.address() + " port " + r.nextInt(1_024, 65_536) + " [preauth]";
        default -> "Received disconnect from " + s.address() + " port " + r.nextInt(1_024, 65_536)
            + ":11: disconnected by user";
      };
    }
    return (r.nextInt(10) == 0 ? "" : pri) + TimeLayouts.bsdSyslog(s.time()) + " " + s.host() + " " + program + ": "
        + message;
  }

  /** ArcSight CEF from a web application firewall: requests it let through or logged. */
  static String cef(Scene s) {
    SplittableRandom r = s.random();
    String[] signature = Randoms.pick(r, List.of(new String[] {"1001", "SQL injection pattern in query", "7"},
        new String[] {"2003", "Request rate above baseline", "4"}, new String[] {"3007", "Unusual user agent", "3"},
        new String[] {"4010", "Oversized request body", "5"}));
    return "CEF:0|Acme|WAF|3.1|" + signature[0] + "|" + signature[1] + "|" + signature[2] + "|rt="
        + s.time().toEpochMilli() + " src=" + s.address() + " spt=" + r.nextInt(1_024, 65_536) + " dst=10.0.0."
        + r.nextInt(2, 40) + " dvchost=waf-" + r.nextInt(1, 4) + " requestMethod=GET request="
        + Randoms.pick(r, PATHS) + r.nextInt(1, 100_000) + " act=logged";
  }

  /** klog from Kubernetes controllers: level letter, month and day, microseconds, thread, file:line. */
  static String klog(Scene s) {
    SplittableRandom r = s.random();
    char letter = s.level().equals("ERROR") ? 'E' : s.level().equals("WARN") ? 'W' : 'I';
    String message = switch (r.nextInt(4)) {
      case 0 -> "reconciled deployment " + s.namespace() + "/" + s.service();
      case 1 -> "Successfully assigned " + s.namespace() + "/" + s.host() + " to node-" + r.nextInt(1, 10);
      case 2 -> "syncing replica set " + s.namespace() + "/" + s.service() + " took " + r.nextInt(1, 900) + "ms";
      default -> letter == 'I' ? "watch of *v1.Pod ended normally" : "lease renewal for " + s.service()
          + " took longer than expected";
    };
    return letter + TimeLayouts.klog(s.time()) + String.format(Locale.ROOT, "%8d ", r.nextInt(1, 99_999))
        + Randoms.pick(r, KLOG_FILES) + ":" + r.nextInt(20, 400) + "] " + message;
  }

  /** Common or Combined Log Format access lines; no sign-in paths and no 401 or 403 (those are security events). */
  static String clf(Scene s) {
    SplittableRandom r = s.random();
    int draw = r.nextInt(100);
    int status = draw < 78 ? 200 : draw < 84 ? 304 : draw < 89 ? 201 : draw < 93 ? 301
        : draw < 97 ? 404 : draw < 99 ? 500 : 502;
    String method = status == 201 ? "POST" : "GET";
    String line = s.address() + " - " + (r.nextInt(4) == 0 ? s.user() : "-") + " [" + TimeLayouts.clf(s.time())
        + "] \"" + method + " " + Randoms.pick(r, PATHS) + r.nextInt(1, 100_000) + " HTTP/1.1\" " + status + " "
        + r.nextInt(0, 60_000);
    return r.nextBoolean() ? line : line + " \"https://shop.example.com/\" \"" + Randoms.pick(r, AGENTS) + "\"";
  }

  /** logfmt lines of a Go service. */
  static String logfmt(Scene s) {
    SplittableRandom r = s.random();
    return "ts=" + TimeLayouts.isoMillis(s.time()) + " level=" + s.level().toLowerCase(Locale.ROOT) + " msg=\""
        + s.message().replace("\"", "'") + "\" service=" + s.service() + " host=" + s.host() + " duration_ms="
        + r.nextInt(1, 3_000) + " remote_ip=" + s.address() + " user_id=" + s.user();
  }

  /** A plain text log line (no known header): a Java or Python application's console output. */
  static String plain(Scene s) {
    SplittableRandom r = s.random();
    String time = TimeLayouts.textLog(s.time());
    return switch (r.nextInt(3)) {
      case 0 -> time + " " + s.level() + " [main] " + s.logger() + " - " + s.message();
      case 1 -> time + " - " + s.service() + " - " + s.level() + " - " + s.message();
      default -> "[" + time + "] " + s.level() + " in " + s.service() + ": " + s.message();
    };
  }

  /** The PRI of a facility and severity. */
  static String pri(int facility, int severity) {
    return "<" + (facility * 8 + severity) + ">";
  }
}
