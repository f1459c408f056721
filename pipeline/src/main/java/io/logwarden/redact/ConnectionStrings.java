package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.DIGIT;
import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.CharClasses.LETTER;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * Credentials in connection strings and DSNs that are not key=value pairs: URL userinfo
 * ({@code scheme://user:password@host}, {@code redis://:password@host}, a password holding {@code @}
 * or {@code /}), Go's MySQL DSN ({@code user:password@tcp(host)/db}), and Oracle's
 * {@code user/password@}: only where it is clearly a DSN, after {@code jdbc:oracle:<driver>:} or as
 * the {@code sqlplus} logon argument. The whole userinfo goes, as {@code url-credentials}; a bare
 * user name stays. ADO.NET, ODBC, JDBC and libpq parameters ({@code Password=…;},
 * {@code ?password=…}, {@code password=… sslmode=…}) are key=value pairs ({@link KeyValueSecrets}).
 */
final class ConnectionStrings {

  private static final int MAX_USERINFO = 512;

  private ConnectionStrings() {}

  /** {@code scheme://user:password@host} at the {@code :} of {@code ://}: the whole userinfo, when it holds a password. */
  static Spans urlCredentials(String t, int i, Spans spans) {
    int n = t.length();
    if (i == 0 || !is(t.charAt(i - 1), ALNUM)) {
      return spans;
    }
    int s = i + 3;
    int limit = Math.min(n, s + MAX_USERINFO);
    int at = -1;
    int colon = -1;
    for (int k = s; k < limit; k++) {
      char c = t.charAt(k);
      if (c == '@') {
        at = k;
      } else if (c == ':' && colon < 0) {
        colon = k;
      } else if (c == '/' || c == '?' || c == '#') {
        // A raw '/', '?' or '#' may sit in a password, but not in a host, nor after a port.
        if (at >= 0 || colon < 0 || portOnly(t, colon + 1, k)) {
          break;
        }
      } else if (c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>' || c == '[' || c == ']'
          || Character.isWhitespace(c)) {
        break;
      }
    }
    if (at <= s || SecretScanner.isMarker(t, s, at)) {
      return spans;
    }
    if (colon < 0 || colon >= at || colon == at - 1) {
      return spans;
    }
    return Spans.add(spans, s, at, SecretScanner.URL_CREDENTIALS, Spans.PRIO_STRUCTURE);
  }

  private static boolean portOnly(String t, int s, int e) {
    return e > s && run(t, s, e, DIGIT) == e;
  }

  /** Go's MySQL DSN at its {@code @}: {@code user:password@tcp(host:3306)/db}, {@code @unix(/path)}. */
  static Spans goDsn(String t, int at, Spans spans) {
    if (!(t.startsWith("tcp(", at + 1) || t.startsWith("unix(", at + 1))) {
      return spans;
    }
    int s = at;
    int colon = -1;
    int min = Math.max(0, at - MAX_USERINFO);
    while (s > min) {
      char c = t.charAt(s - 1);
      if (c == '"' || c == '\'' || c == '=' || c == '\\' || c == '(' || c == '{' || c == ',' || c == '[' || c == ']'
          || c == '<' || c == '>' || Character.isWhitespace(c)) {
        break;
      }
      if (c == ':') {
        colon = s - 1;
      }
      s--;
    }
    if (colon <= s || colon == at - 1 || SecretScanner.isMarker(t, s, at)) {
      return spans;
    }
    return Spans.add(spans, s, at, SecretScanner.URL_CREDENTIALS, Spans.PRIO_STRUCTURE);
  }

  /** At a word starting {@code jdbc:}: {@code jdbc:oracle:thin:user/password@host}. */
  static Spans jdbcOracle(String t, int i, Spans spans) {
    if (!t.startsWith("jdbc:oracle:", i)) {
      return spans;
    }
    int d = i + 12;
    int de = run(t, d, Math.min(t.length(), d + 16), ALNUM);
    if (de == d || de >= t.length() || t.charAt(de) != ':') {
      return spans;
    }
    return oracleLogon(t, de + 1, true, spans);
  }

  /** At a word starting {@code sq}: {@code sqlplus [-s] user/password[@connect]}; {@code /nolog} and {@code / as sysdba} have none. */
  static Spans sqlplus(String t, int i, Spans spans) {
    int n = t.length();
    if (!t.startsWith("sqlplus", i) || i + 7 >= n || t.charAt(i + 7) != ' ') {
      return spans;
    }
    int p = i + 7;
    while (true) {
      while (p < n && t.charAt(p) == ' ') {
        p++;
      }
      if (p + 1 < n && t.charAt(p) == '-' && is(t.charAt(p + 1), LETTER)) {
        p = run(t, p + 1, n, ALNUM); // an option: -s, -L, -silent
        continue;
      }
      break;
    }
    return oracleLogon(t, p, false, spans);
  }

  /** {@code user/password} then {@code @connect} (required after JDBC), starting at {@code s}. */
  private static Spans oracleLogon(String t, int s, boolean needAt, Spans spans) {
    int n = t.length();
    int u = run(t, s, Math.min(n, s + 128), KEY);
    if (u == s || u >= n || t.charAt(u) != '/') {
      return spans;
    }
    int p = u + 1;
    int max = Math.min(n, p + MAX_USERINFO);
    int e = p;
    while (e < max) {
      char c = t.charAt(e);
      if (c == '@' || c == '"' || c == '\'' || c == '\\' || Character.isWhitespace(c)) {
        break;
      }
      e++;
    }
    if (e == p || (needAt && (e >= n || t.charAt(e) != '@')) || t.charAt(p) == '/'
        || SecretScanner.isMarker(t, s, e)) {
      return spans;
    }
    return Spans.add(spans, s, e, SecretScanner.URL_CREDENTIALS, Spans.PRIO_STRUCTURE);
  }
}
