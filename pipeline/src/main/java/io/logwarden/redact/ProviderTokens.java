package io.logwarden.redact;

import static io.logwarden.redact.CharClasses.ALNUM;
import static io.logwarden.redact.CharClasses.AZURE;
import static io.logwarden.redact.CharClasses.B64;
import static io.logwarden.redact.CharClasses.B64URL;
import static io.logwarden.redact.CharClasses.DIGIT;
import static io.logwarden.redact.CharClasses.HEX;
import static io.logwarden.redact.CharClasses.KEY;
import static io.logwarden.redact.CharClasses.PATH;
import static io.logwarden.redact.CharClasses.SLACK;
import static io.logwarden.redact.CharClasses.UPNUM;
import static io.logwarden.redact.CharClasses.WORD;
import static io.logwarden.redact.CharClasses.boundaryAfter;
import static io.logwarden.redact.CharClasses.boundaryBefore;
import static io.logwarden.redact.CharClasses.is;
import static io.logwarden.redact.CharClasses.looksRandom;
import static io.logwarden.redact.CharClasses.mixedClasses;
import static io.logwarden.redact.CharClasses.run;

/**
 * Provider tokens by their shapes: {@link #tokenEnd} dispatches on the first two characters of a word
 * to a hand-written check of one prefix's shape (each returns the end of the token that starts at
 * {@code i}, or -1), and {@link #addToken} names the kind. An AWS access key id also makes any
 * key-shaped 40-character word near it a secret access key. The newer shapes (Twilio, 1Password,
 * Fly.io, Authress) follow the gitleaks rules of the same ids, whose keywords are too short for the
 * rule set's keyword filter.
 */
final class ProviderTokens {

  /**
   * For each first character of a token or context word, the second characters that may follow it,
   * as bits {@code 1 << (c1 & 63)}: a quick filter (a collision only costs a look).
   */
  private static final long[] SECOND_CHARS = new long[128];

  static {
    follow('A', "IKSBCWw3");
    follow('a', "wWu");
    follow('g', "hil");
    follow('G', "R");
    follow('x', "oa");
    follow('h', "ofv");
    follow('s', "k.eEcq");
    follow('S', "GKeE");
    follow('r', "k");
    follow('n', "p");
    follow('p', "y");
    follow('d', "a");
    follow('e', "yx");
    follow('f', "om");
    follow('j', "d");
    follow('B', "ea");
    follow('b', "ea");
  }

  private static void follow(char c, String seconds) {
    for (char c1 : seconds.toCharArray()) {
      SECOND_CHARS[c] |= 1L << (c1 & 63);
    }
  }

  private ProviderTokens() {}

  /** Whether a token or a context word may start with {@code c} then {@code c1}. */
  static boolean mayStartAt(char c, char c1) {
    return c < 128 && (SECOND_CHARS[c] & (1L << (c1 & 63))) != 0;
  }

  /** The end of the provider token that starts at {@code i} (the start of a word), or -1. */
  static int tokenEnd(String t, int i) {
    int n = t.length();
    char c = t.charAt(i);
    char c1 = i + 1 < n ? t.charAt(i + 1) : 0;
    return switch (c) {
      case 'A' -> c1 == 'I' ? (t.startsWith("AIza", i) ? prefixed(t, i, 4, B64URL, 35) : -1)
          : c1 == 'K' || c1 == 'S' || c1 == 'B' || c1 == 'C' ? awsKeyId(t, i)
          : c1 == '3' ? onePasswordSecretKey(t, i) : -1;
      case 'a' -> c1 == 'u' && i + 8 < n && t.charAt(i + 8) == '_' ? authressKey(t, i) : -1;
      case 'g' -> {
        if (c1 == 'h') {
          yield i + 4 < n && t.charAt(i + 3) == '_' && "pousr".indexOf(t.charAt(i + 2)) >= 0 ? prefixed(t, i, 4, ALNUM, 36) : -1;
        } else if (c1 == 'i') {
          yield t.startsWith("github_pat_", i) ? prefixed(t, i, 11, WORD, 40) : -1;
        } else if (c1 == 'l') {
          yield t.startsWith("glpat-", i) ? prefixed(t, i, 6, KEY, 20) : t.startsWith("glrt-", i) ? prefixed(t, i, 5, KEY, 20) : -1;
        }
        yield -1;
      }
      case 'G' -> c1 == 'R' && t.startsWith("GR1348941", i) ? prefixed(t, i, 9, B64URL, 20) : -1;
      case 'x' -> {
        if (c1 == 'o' && i + 5 < n && t.charAt(i + 2) == 'x' && t.charAt(i + 4) == '-' && "bparse".indexOf(t.charAt(i + 3)) >= 0) {
          yield prefixed(t, i, 5, SLACK, 10);
        }
        yield c1 == 'a' && t.startsWith("xapp-", i) ? prefixed(t, i, 5, SLACK, 10) : -1;
      }
      case 'h' -> {
        if (c1 == 'o') {
          yield slackWebhookEnd(t, i);
        } else if (c1 == 'f') {
          yield i + 2 < n && t.charAt(i + 2) == '_' ? prefixed(t, i, 3, ALNUM, 30) : -1;
        } else if (c1 == 'v') {
          yield i + 4 < n && t.charAt(i + 3) == '.' && "sbr".indexOf(t.charAt(i + 2)) >= 0 ? prefixed(t, i, 4, B64URL, 24) : -1;
        }
        yield -1;
      }
      case 's' -> c1 == 'k' || c1 == '.' ? sLowerTokens(t, i)
          : c1 == 'c' && i + 2 < n && (t.charAt(i + 2) == '_' || t.charAt(i + 2) == 'a') ? authressKey(t, i) : -1;
      case 'S' -> c1 == 'G' ? sendgridEnd(t, i) : c1 == 'K' ? twilioApiKey(t, i) : -1;
      case 'r' -> c1 == 'k' && (t.startsWith("rk_live_", i) || t.startsWith("rk_test_", i)) ? prefixed(t, i, 8, ALNUM, 16) : -1;
      case 'n' -> c1 == 'p' && t.startsWith("npm_", i) ? prefixed(t, i, 4, ALNUM, 36) : -1;
      case 'p' -> c1 == 'y' && t.startsWith("pypi-AgEIcHlwaS5vcmc", i) ? prefixed(t, i, 20, B64URL, 40) : -1;
      case 'd' -> c1 == 'a' && t.startsWith("dapi", i) ? databricksEnd(t, i) : -1;
      case 'e' -> c1 == 'y' && i + 2 < n && t.charAt(i + 2) == 'J' ? jwt(t, i)
          : c1 == 'x' && i + 3 < n && t.charAt(i + 3) == '_' ? authressKey(t, i) : -1;
      case 'f' -> (c1 == 'o' || c1 == 'm') && i + 3 < n && (t.charAt(i + 2) == '1' || t.charAt(i + 2) == '2') ? flyIoToken(t, i) : -1;
      default -> -1;
    };
  }

  /** Adds the token {@code [i, end)} that {@link #tokenEnd} found, with its kind (and an AWS key id's secret nearby). */
  static Spans addToken(String t, int i, int end, Spans spans) {
    String kind = kindAt(t, i);
    if (kind.equals(SecretScanner.SLACK_WEBHOOK)) {
      return Spans.add(spans, slackWebhookStart(t, i), end, kind, Spans.PRIO_TOKEN);
    }
    Spans out = Spans.add(spans, i, end, kind, Spans.PRIO_TOKEN);
    if (kind.equals(SecretScanner.AWS_ACCESS_KEY_ID) && t.charAt(i + 2) == 'I' && (t.charAt(i + 1) == 'K' || t.charAt(i + 1) == 'S')) {
      out = awsSecretAround(t, i, end, out);
    }
    return out;
  }

  /** The kind of the token that starts at {@code i}, by its prefix. */
  private static String kindAt(String t, int i) {
    char c1 = t.charAt(i + 1);
    return switch (t.charAt(i)) {
      case 'A' -> c1 == 'I' ? SecretScanner.GOOGLE_API_KEY : c1 == '3' ? SecretScanner.ONEPASSWORD_SECRET_KEY
          : SecretScanner.AWS_ACCESS_KEY_ID;
      case 'g' -> c1 == 'h' ? (t.charAt(i + 2) == 'p' ? SecretScanner.GITHUB_PAT : SecretScanner.GITHUB_TOKEN)
          : c1 == 'i' ? SecretScanner.GITHUB_PAT
          : t.startsWith("glpat-", i) ? SecretScanner.GITLAB_PAT : SecretScanner.GITLAB_RUNNER_TOKEN;
      case 'G' -> SecretScanner.GITLAB_RUNNER_TOKEN;
      case 'x' -> SecretScanner.SLACK_TOKEN;
      case 'h' -> c1 == 'o' ? SecretScanner.SLACK_WEBHOOK : c1 == 'f' ? SecretScanner.HUGGINGFACE_TOKEN : SecretScanner.VAULT_TOKEN;
      case 's' -> c1 == 'c' ? SecretScanner.AUTHRESS_ACCESS_KEY : sLowerKind(t, i);
      case 'S' -> c1 == 'G' ? SecretScanner.SENDGRID_API_KEY : SecretScanner.TWILIO_API_KEY;
      case 'r' -> SecretScanner.STRIPE_RESTRICTED_KEY;
      case 'n' -> SecretScanner.NPM_TOKEN;
      case 'p' -> SecretScanner.PYPI_TOKEN;
      case 'd' -> SecretScanner.DATABRICKS_TOKEN;
      case 'e' -> c1 == 'y' ? SecretScanner.JWT : SecretScanner.AUTHRESS_ACCESS_KEY;
      case 'f' -> SecretScanner.FLYIO_ACCESS_TOKEN;
      case 'a' -> SecretScanner.AUTHRESS_ACCESS_KEY;
      default -> throw new IllegalStateException("no token kind starts with " + t.charAt(i));
    };
  }

  /** {@code prefixLen} fixed characters then at least {@code minBody} of {@code cls}: end, or -1. */
  static int prefixed(String t, int i, int prefixLen, int cls, int minBody) {
    int b = i + prefixLen;
    int e = run(t, b, t.length(), cls);
    return e - b >= minBody ? e : -1;
  }

  static int slackWebhookEnd(String t, int i) {
    if (!t.startsWith("hooks.slack.com/", i)) {
      return -1;
    }
    int p = i + 16;
    if (t.startsWith("services/", p) || t.startsWith("workflows/", p) || t.startsWith("triggers/", p)) {
      int e = run(t, p, t.length(), PATH);
      return e - p >= 30 ? e : -1;
    }
    return -1;
  }

  /** The whole URL goes, scheme included, so the marker reads as a URL was there. */
  static int slackWebhookStart(String t, int i) {
    if (i >= 8 && t.startsWith("https://", i - 8)) {
      return i - 8;
    }
    if (i >= 7 && t.startsWith("http://", i - 7)) {
      return i - 7;
    }
    return i;
  }

  static int sendgridEnd(String t, int i) {
    int n = t.length();
    if (i + 3 >= n || t.charAt(i + 2) != '.') {
      return -1;
    }
    int a = run(t, i + 3, n, B64URL);
    if (a - (i + 3) >= 16 && a < n && t.charAt(a) == '.') {
      int b = run(t, a + 1, n, B64URL);
      if (b - (a + 1) >= 30) {
        return b;
      }
    }
    return -1;
  }

  static int databricksEnd(String t, int i) {
    int n = t.length();
    int e = run(t, i + 4, n, HEX);
    if (e - (i + 4) != 32) {
      return -1;
    }
    if (e + 1 < n && t.charAt(e) == '-' && is(t.charAt(e + 1), DIGIT)) {
      e = run(t, e + 1, n, DIGIT);
    }
    return boundaryAfter(t, e) ? e : -1;
  }

  /** AKIA, ASIA, ABIA, ACCA and 16 more upper-case letters or digits, a word of its own. */
  static int awsKeyId(String t, int i) {
    int n = t.length();
    if (i + 20 > n || !boundaryBefore(t, i)) {
      return -1;
    }
    if (!(t.startsWith("AKIA", i) || t.startsWith("ASIA", i) || t.startsWith("ABIA", i) || t.startsWith("ACCA", i))) {
      return -1;
    }
    int e = run(t, i + 4, i + 20, UPNUM);
    return e == i + 20 && boundaryAfter(t, e) ? e : -1;
  }

  /**
   * A 40-character secret access key has no prefix, so it is looked for just after a context word
   * ("aws", "secret"), case-insensitive, anywhere (e.g. inside {@code aws_secret_access_key}).
   */
  static Spans awsSecretNear(String t, int i, Spans spans) {
    int n = t.length();
    int after;
    if (i + 3 <= n && (t.charAt(i + 2) | 0x20) == 's' && t.regionMatches(true, i, "aws", 0, 3)) {
      after = i + 3;
    } else if (i + 6 <= n && (t.charAt(i + 2) | 0x20) == 'c' && t.regionMatches(true, i, "secret", 0, 6)) {
      after = i + 6;
    } else {
      return spans;
    }
    if (SecretScanner.insideMarker(t, i)) {
      return spans; // the words of [REDACTED:aws-secret-access-key] are no context
    }
    int limit = Math.min(n, after + 120);
    int j = after;
    while (j < limit) {
      if (!is(t.charAt(j), B64)) {
        j++;
        continue;
      }
      int e = run(t, j, n, B64);
      if (e - j == 40 && (e == n || t.charAt(e) != '=') && (j == 0 || !is(t.charAt(j - 1), B64))
          && looksRandom(t, j, e)) {
        return Spans.add(spans, j, e, SecretScanner.AWS_SECRET_ACCESS_KEY, Spans.PRIO_TOKEN);
      }
      j = e;
    }
    return spans;
  }

  /**
   * With an access key id at {@code [s, e)}: any 40-character key-shaped token
   * ({@code [A-Za-z0-9/+]{40}}, a word of its own, of mixed classes) within 200 characters either
   * side is its secret access key, whatever it is named.
   */
  static Spans awsSecretAround(String t, int s, int e, Spans spans) {
    int n = t.length();
    int from = Math.max(0, s - 200);
    int to = Math.min(n, e + 200);
    Spans out = spans;
    int j = from;
    while (j < to) {
      if (!is(t.charAt(j), B64)) {
        j++;
        continue;
      }
      int end = run(t, j, n, B64);
      if (end - j == 40 && (j == 0 || !is(t.charAt(j - 1), B64)) && (end == n || t.charAt(end) != '=')
          && !percentEscapedBase64At(t, end) && !(j >= 3 && percentEscapedBase64At(t, j - 3)) && mixedClasses(t, j, end)) {
        out = Spans.add(out, j, end, SecretScanner.AWS_SECRET_ACCESS_KEY, Spans.PRIO_TOKEN);
      }
      j = end;
    }
    return out;
  }

  /** {@code %2F}, {@code %2B} or {@code %3D} at {@code k}: a longer base64 run, percent-encoded, goes on. */
  private static boolean percentEscapedBase64At(String t, int k) {
    if (k + 2 >= t.length() || t.charAt(k) != '%') {
      return false;
    }
    char a = t.charAt(k + 1);
    char b = (char) (t.charAt(k + 2) | 0x20);
    return (a == '2' && (b == 'f' || b == 'b')) || (a == '3' && b == 'd');
  }

  static int sLowerTokens(String t, int i) {
    if (t.startsWith("sk_live_", i) || t.startsWith("sk_test_", i)) {
      return prefixed(t, i, 8, ALNUM, 16);
    }
    if (t.startsWith("sk-ant-", i)) {
      return prefixed(t, i, 7, B64URL, 32);
    }
    if (t.startsWith("sk-proj-", i)) {
      return prefixed(t, i, 8, B64URL, 20);
    }
    if (t.startsWith("sk-svcacct-", i)) {
      return prefixed(t, i, 11, B64URL, 20);
    }
    if (t.startsWith("sk-admin-", i)) {
      return prefixed(t, i, 9, B64URL, 20);
    }
    if (t.startsWith("sk-lf-", i)) {
      return -1; // a Langfuse secret key: the rule set names it (langfuse-secret-key)
    }
    if (t.startsWith("sk-", i)) {
      int e = prefixed(t, i, 3, B64URL, 32);
      return e > 0 && looksRandom(t, i + 3, e) ? e : -1;
    }
    if (t.startsWith("s.", i)) {
      // Legacy Vault service tokens are too plain to trust without "vault" shortly before.
      int e = run(t, i + 2, t.length(), ALNUM);
      if (e - (i + 2) == 24 && (e == t.length() || !is(t.charAt(e), B64URL)) && looksRandom(t, i + 2, e)
          && vaultBefore(t, i)) {
        return e;
      }
    }
    return -1;
  }

  static String sLowerKind(String t, int i) {
    if (t.startsWith("sk_", i)) {
      return SecretScanner.STRIPE_SECRET_KEY;
    }
    if (t.startsWith("sk-ant-", i)) {
      return SecretScanner.ANTHROPIC_API_KEY;
    }
    if (t.startsWith("sk-", i)) {
      return SecretScanner.OPENAI_API_KEY;
    }
    return SecretScanner.VAULT_TOKEN;
  }

  private static boolean vaultBefore(String t, int i) {
    for (int k = Math.max(0, i - 80); k + 5 <= i; k++) {
      if (t.regionMatches(true, k, "vault", 0, 5)) {
        return true;
      }
    }
    return false;
  }

  static int jwt(String t, int i) {
    int n = t.length();
    int h = run(t, i, n, B64URL);
    if (h - i < 10 || h >= n || t.charAt(h) != '.') {
      return -1;
    }
    int p = run(t, h + 1, n, B64URL);
    if (p - (h + 1) < 4 || p >= n || t.charAt(p) != '.') {
      return -1;
    }
    return run(t, p + 1, n, B64URL);
  }

  /** Azure AD client secrets: 3 characters, a digit, {@code Q~}, then 34 more. */
  static int azureSecretStart(String t, int q) {
    if (q < 4 || q + 1 >= t.length() || t.charAt(q + 1) != '~' || !is(t.charAt(q - 1), DIGIT)) {
      return -1;
    }
    int s = q - 4;
    for (int k = s; k < q - 1; k++) {
      if (!is(t.charAt(k), AZURE)) {
        return -1;
      }
    }
    return s == 0 || !is(t.charAt(s - 1), AZURE) ? s : -1;
  }

  /** Twilio API key SID: {@code SK} and 32 lower-case hex digits, a word of its own. */
  static int twilioApiKey(String t, int i) {
    int n = t.length();
    if (i + 34 > n || !boundaryBefore(t, i)) {
      return -1;
    }
    int e = i + 2;
    while (e < i + 34 && (is(t.charAt(e), DIGIT) || (t.charAt(e) >= 'a' && t.charAt(e) <= 'f'))) {
      e++;
    }
    return e == i + 34 && boundaryAfter(t, e) ? e : -1;
  }

  /**
   * 1Password secret key: {@code A3-}, six, then eleven (or six and five) characters, then three
   * groups of five, upper-case letters and digits separated by dashes, a word of its own.
   */
  static int onePasswordSecretKey(String t, int i) {
    if (!t.startsWith("A3-", i) || !boundaryBefore(t, i)) {
      return -1;
    }
    int p = group(t, i + 3, 6);
    if (p < 0 || !dash(t, p)) {
      return -1;
    }
    int q = group(t, p + 1, 11);
    if (q < 0) {
      q = group(t, p + 1, 6);
      q = q < 0 || !dash(t, q) ? -1 : group(t, q + 1, 5);
    }
    for (int g = 0; g < 3 && q >= 0; g++) {
      q = dash(t, q) ? group(t, q + 1, 5) : -1;
    }
    return q >= 0 && boundaryAfter(t, q) ? q : -1;
  }

  private static int group(String t, int s, int len) {
    int e = run(t, s, Math.min(t.length(), s + len), UPNUM);
    return e - s == len && (e >= t.length() || !is(t.charAt(e), UPNUM)) ? e : -1;
  }

  private static boolean dash(String t, int p) {
    return p < t.length() && t.charAt(p) == '-';
  }

  /**
   * Fly.io: {@code fo1_} and 43 word characters or dashes; {@code fm1a_}, {@code fm1r_} or
   * {@code fm2_} and at least 100 base64 characters with their padding (a comma-joined list of
   * macaroons goes whole).
   */
  static int flyIoToken(String t, int i) {
    int n = t.length();
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    if (t.startsWith("fo1_", i)) {
      int e = run(t, i + 4, n, WORD | SLACK);
      return e - (i + 4) == 43 && (e >= n || !is(t.charAt(e), B64)) ? e : -1;
    }
    int e = flyMacaroon(t, i);
    if (e < 0) {
      return -1;
    }
    while (e + 1 < n && t.charAt(e) == ',') {
      int next = flyMacaroon(t, e + 1);
      if (next < 0) {
        break;
      }
      e = next;
    }
    return e;
  }

  private static int flyMacaroon(String t, int i) {
    int body;
    if (t.startsWith("fm2_", i)) {
      body = i + 4;
    } else if (t.startsWith("fm1a_", i) || t.startsWith("fm1r_", i)) {
      body = i + 5;
    } else {
      return -1;
    }
    int n = t.length();
    int e = run(t, body, n, B64);
    if (e - body < 100) {
      return -1;
    }
    for (int pad = 0; pad < 3 && e < n && t.charAt(e) == '='; pad++) {
      e++;
    }
    return e;
  }

  /**
   * Authress service client access key: {@code sc_}, {@code ext_}, {@code scauth_} or
   * {@code authress_}, 5 to 30 letters or digits, a dot, 4 to 6, {@code .acc_} or {@code .acc-}, 10 to
   * 32 letters, digits or dashes, a dot, and 30 to 120 base64 characters.
   */
  static int authressKey(String t, int i) {
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    int p;
    if (t.startsWith("sc_", i)) {
      p = i + 3;
    } else if (t.startsWith("ext_", i)) {
      p = i + 4;
    } else if (t.startsWith("scauth_", i)) {
      p = i + 7;
    } else if (t.startsWith("authress_", i)) {
      p = i + 9;
    } else {
      return -1;
    }
    int n = t.length();
    int a = run(t, p, n, ALNUM);
    if (a - p < 5 || a - p > 30 || a >= n || t.charAt(a) != '.') {
      return -1;
    }
    int b = run(t, a + 1, n, ALNUM);
    if (b - (a + 1) < 4 || b - (a + 1) > 6 || !t.startsWith(".acc", b) || b + 4 >= n
        || (t.charAt(b + 4) != '_' && t.charAt(b + 4) != '-')) {
      return -1;
    }
    int c = run(t, b + 5, n, SLACK);
    if (c - (b + 5) < 10 || c - (b + 5) > 32 || c >= n || t.charAt(c) != '.') {
      return -1;
    }
    int d = c + 1;
    int e = d;
    while (e < n && (is(t.charAt(e), B64 | B64URL) || t.charAt(e) == '=')) {
      e++;
    }
    return e - d >= 30 && e - d <= 120 ? e : -1;
  }
}
