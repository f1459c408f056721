package io.logwarden.redact;

/**
 * Finds credentials in free log text (provider tokens, JWTs, private key blocks, Authorization and
 * Cookie headers, passwords in URLs, values under secret-sounding keys) and replaces each one whole by
 * {@code [REDACTED:<kind>]}.
 *
 * <p>Design, for speed: one pass over the text dispatches on the current character to a few literal
 * anchors ({@code ghp_}, {@code AKIA}, {@code eyJ}, {@code ://}, {@code =}, {@code :} ...) and runs a
 * hand-written shape check only where an anchor sits; no regex, and nothing is allocated until
 * something matches. Candidate spans are collected, overlapping ones are merged (the merged span
 * takes the kind of the most specific member: header/URL/key-block structure, then provider token,
 * then generic secret value), and the output is built once.
 *
 * <p>Output forms:
 * <ul>
 *   <li>{@code Authorization: Bearer abc} becomes {@code Authorization: Bearer [REDACTED:authorization]}:
 *       the header name and the scheme word stay, everything after the scheme up to the end of the
 *       credential (a token, or the whole parameter list of Digest-like schemes) goes. Same for
 *       {@code Proxy-Authorization}, JSON values under such keys, and {@code Bearer}/{@code Basic}
 *       credentials met without a header name.</li>
 *   <li>{@code scheme://user:pw@host} becomes {@code scheme://[REDACTED:url-credentials]@host}: the
 *       whole userinfo goes when it holds a password; a bare user name stays.</li>
 *   <li>{@code Cookie: a=b; c=d} becomes {@code Cookie: a=[REDACTED:cookie]; c=[REDACTED:cookie]};
 *       for {@code Set-Cookie} only the first pair's value goes, attributes ({@code Path}, ...) stay.</li>
 *   <li>{@code key=value}, {@code key: value}, {@code "key": "value"} with a key for which
 *       {@link #isSecretKey} holds: the value (inside the quotes when quoted) becomes
 *       {@code [REDACTED:secret-value]}, or the provider kind when the value is a recognised token.</li>
 * </ul>
 *
 * <p>Immutable: one instance is shared by all stream threads.
 */
public final class SecretScanner {

  // Kinds, i.e. the marker names and the RedactionCounts rule ids.
  static final String AWS_ACCESS_KEY_ID = "aws-access-key-id";
  static final String AWS_SECRET_ACCESS_KEY = "aws-secret-access-key";
  static final String GITHUB_PAT = "github-pat";
  static final String GITHUB_TOKEN = "github-token";
  static final String GITLAB_PAT = "gitlab-pat";
  static final String GITLAB_RUNNER_TOKEN = "gitlab-runner-token";
  static final String SLACK_TOKEN = "slack-token";
  static final String SLACK_WEBHOOK = "slack-webhook";
  static final String STRIPE_SECRET_KEY = "stripe-secret-key";
  static final String STRIPE_RESTRICTED_KEY = "stripe-restricted-key";
  static final String OPENAI_API_KEY = "openai-api-key";
  static final String ANTHROPIC_API_KEY = "anthropic-api-key";
  static final String GOOGLE_API_KEY = "google-api-key";
  static final String SENDGRID_API_KEY = "sendgrid-api-key";
  static final String NPM_TOKEN = "npm-token";
  static final String PYPI_TOKEN = "pypi-token";
  static final String HUGGINGFACE_TOKEN = "huggingface-token";
  static final String AZURE_CLIENT_SECRET = "azure-client-secret";
  static final String VAULT_TOKEN = "vault-token";
  static final String DATABRICKS_TOKEN = "databricks-token";
  static final String JWT = "jwt";
  static final String PRIVATE_KEY = "private-key";
  static final String AUTHORIZATION = "authorization";
  static final String COOKIE = "cookie";
  static final String URL_CREDENTIALS = "url-credentials";
  static final String SECRET_VALUE = "secret-value";
  /** Used only if a detector fails unexpectedly: the whole text is withheld rather than leaked. */
  static final String UNSCANNED = "unscanned";

  private static final String MARKER_OPEN = "[REDACTED:";

  // Span priorities when spans overlap: structure knows the exact extent, a provider token names the
  // kind best, a generic value under a secret key is the fallback.
  // A rule-set span names its provider better than a generic value, but the fast path's own kinds win.
  private static final int PRIO_GENERIC = 1;
  private static final int PRIO_RULE = 2;
  private static final int PRIO_TOKEN = 3;
  private static final int PRIO_STRUCTURE = 4;

  // Character classes, ASCII only; a bit set per character.
  private static final int ALNUM = 1;
  private static final int UPNUM = 1 << 1; // A-Z 0-9
  private static final int HEX = 1 << 2;
  private static final int B64URL = 1 << 3; // alnum - _
  private static final int B64 = 1 << 4; // alnum + /
  private static final int TOKEN68 = 1 << 5; // alnum - . _ ~ + /
  private static final int KEY = 1 << 6; // alnum _ - .
  private static final int AZURE = 1 << 7; // alnum _ - . ~
  private static final int SLACK = 1 << 8; // alnum -
  private static final int WORD = 1 << 9; // alnum _
  private static final int LOWER = 1 << 10;
  private static final int UPPER = 1 << 11;
  private static final int DIGIT = 1 << 12;
  private static final int PATH = 1 << 13; // alnum _ - /
  private static final int[] CLS = new int[128];

  static {
    for (char c = 0; c < 128; c++) {
      int m = 0;
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      boolean digit = c >= '0' && c <= '9';
      boolean alnum = lower || upper || digit;
      if (alnum) {
        m |= ALNUM | B64URL | B64 | TOKEN68 | KEY | AZURE | SLACK | WORD | PATH;
      }
      if (lower) {
        m |= LOWER;
      }
      if (upper) {
        m |= UPPER | UPNUM;
      }
      if (digit) {
        m |= DIGIT | UPNUM | HEX;
      }
      if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        m |= HEX;
      }
      switch (c) {
        case '-' -> m |= B64URL | TOKEN68 | KEY | AZURE | SLACK | PATH;
        case '_' -> m |= B64URL | TOKEN68 | KEY | AZURE | WORD | PATH;
        case '.' -> m |= TOKEN68 | KEY | AZURE;
        case '~' -> m |= TOKEN68 | AZURE;
        case '+' -> m |= B64 | TOKEN68;
        case '/' -> m |= B64 | TOKEN68 | PATH;
        default -> { }
      }
      CLS[c] = m;
    }
  }

  /** The second pass (community and user rules), or null for the fast path alone. */
  private final SecretSpans rules;

  /** The fast path alone. */
  public SecretScanner() {
    this(null);
  }

  /** The fast path, then {@code rules} over the same text. */
  public SecretScanner(SecretSpans rules) {
    this.rules = rules;
  }

  private static boolean is(char c, int cls) {
    return c < 128 && (CLS[c] & cls) != 0;
  }

  private static int run(String t, int from, int end, int cls) {
    int i = from;
    while (i < end && is(t.charAt(i), cls)) {
      i++;
    }
    return i;
  }

  private static boolean boundaryBefore(String t, int i) {
    return i == 0 || !is(t.charAt(i - 1), ALNUM);
  }

  /**
   * Returns {@code text} with every secret replaced by {@code [REDACTED:<kind>]}, adding one count per
   * replacement to {@code counts} (which may be null). Returns the same instance when nothing matched,
   * so callers can skip work by identity. Never throws: should a detector fail, the whole text is
   * withheld as {@code [REDACTED:unscanned]} rather than passed on unscanned.
   */
  public String redact(String text, RedactionCounts counts) {
    if (text == null) {
      return null;
    }
    try {
      Spans spans = spans(text);
      return spans == null ? text : spans.apply(text, counts);
    } catch (RuntimeException e) {
      if (counts != null) {
        counts.add(UNSCANNED, 1);
      }
      return marker(UNSCANNED);
    }
  }

  /**
   * Reports each secret of {@code text} to {@code sink}, in text order, as {@link #redact} would
   * replace it (overlapping finds merged). Never throws: should a detector fail, the whole text is
   * reported as one {@code unscanned} span.
   */
  public void find(String text, SecretSpans.Sink sink) {
    if (text == null || text.isEmpty()) {
      return;
    }
    Spans spans;
    try {
      spans = spans(text);
    } catch (RuntimeException e) {
      sink.add(0, text.length(), UNSCANNED);
      return;
    }
    if (spans != null) {
      spans.merged(sink);
    }
  }

  private Spans spans(String text) {
    Spans spans = scan(text);
    if (rules != null) {
      Spans[] found = {spans};
      rules.find(text, (s, e, kind) -> found[0] = Spans.addIf(found[0], s, e, kind, PRIO_RULE));
      spans = found[0];
    }
    return spans;
  }

  /**
   * The replacement for a whole value held under a key for which {@link #isSecretKey} holds: empty
   * values and values already redacted stay as they are, null stays null.
   */
  public String redactValueOfSecretKey(String value, RedactionCounts counts) {
    if (value == null || value.isEmpty() || isMarker(value, 0, value.length())) {
      return value;
    }
    if (counts != null) {
      counts.add(SECRET_VALUE, 1);
    }
    return marker(SECRET_VALUE);
  }

  /**
   * Whether a field, header or parameter name says its value is a secret.
   *
   * <p>The rule: the name is split into words at {@code _ - . /}, spaces, digits and camelCase
   * boundaries, and only its LAST word decides, so that a secret word qualifies a name when it is
   * what the name is about ({@code db.password}, {@code user_password}, {@code x-api-key},
   * {@code MYSQL_PWD}, {@code clientSecret}) and not when it merely qualifies another concept
   * ({@code password_reset_at}, {@code token_count}, {@code tokens_used}, {@code max_tokens},
   * {@code secret_name}). Last words that count: password, passwd, pwd, pass, passphrase, passcode,
   * secret, token, credential(s), cookie, authorization, signature, and {@code key} after api,
   * access, private, secret, signing, encryption, client, master, auth, session, app, account,
   * subscription or license. Run-together lower-case names count when they end in one of the long
   * words ({@code pgpassword}, {@code apikey}, {@code authtoken}, {@code clientsecret}); plurals such
   * as {@code tokens} and {@code secrets} and words such as {@code secretary} or {@code bypass} do not.
   */
  public static boolean isSecretKey(String name) {
    return name != null && keyKind(name, 0, name.length()) != KEY_NONE;
  }

  // ---------------------------------------------------------------------------------------------
  // Key names

  private static final int KEY_NONE = 0;
  private static final int KEY_GENERIC = 1;
  private static final int KEY_AUTHORIZATION = 2;
  private static final int KEY_COOKIE = 3;
  private static final int KEY_SET_COOKIE = 4;

  private static final String[] EXACT_WORDS = {"pwd", "pass", "passphrase", "passcode", "signature"};
  private static final String[] SUFFIX_WORDS = {
    "password", "passwd", "secret", "token", "credential", "credentials", "apikey", "accesskey",
    "privatekey", "secretkey"
  };
  private static final String[] KEY_QUALIFIERS = {
    "api", "access", "private", "secret", "signing", "encryption", "client", "master", "auth",
    "session", "app", "account", "subscription", "license"
  };

  private static int keyKind(String t, int ks, int ke) {
    int e = trimKeyEnd(t, ks, ke);
    if (e <= ks) {
      return KEY_NONE;
    }
    // Every secret word ends in one of these letters: most keys are rejected here, before any compare.
    switch (t.charAt(e - 1) | 0x20) {
      case 'd', 's', 'e', 't', 'n', 'l', 'y' -> { }
      default -> {
        return KEY_NONE;
      }
    }
    int s = wordStart(t, ks, e);
    int len = e - s;
    if (endsWithWord(t, s, e, "authorization")) {
      return KEY_AUTHORIZATION;
    }
    if (endsWithWord(t, s, e, "cookie")) {
      if (len == "setcookie".length() && t.regionMatches(true, s, "setcookie", 0, len)) {
        return KEY_SET_COOKIE;
      }
      if (len == 6) {
        int pe = trimKeyEnd(t, ks, s);
        if (pe > ks) {
          int ps = wordStart(t, ks, pe);
          if (pe - ps == 3 && t.regionMatches(true, ps, "set", 0, 3)) {
            return KEY_SET_COOKIE;
          }
        }
      }
      return KEY_COOKIE;
    }
    for (String w : SUFFIX_WORDS) {
      if (endsWithWord(t, s, e, w)) {
        return KEY_GENERIC;
      }
    }
    for (String w : EXACT_WORDS) {
      if (len == w.length() && t.regionMatches(true, s, w, 0, len)) {
        return KEY_GENERIC;
      }
    }
    if (len == 3 && t.regionMatches(true, s, "key", 0, 3)) {
      int pe = trimKeyEnd(t, ks, s);
      if (pe > ks) {
        int ps = wordStart(t, ks, pe);
        for (String q : KEY_QUALIFIERS) {
          if (pe - ps == q.length() && t.regionMatches(true, ps, q, 0, q.length())) {
            return KEY_GENERIC;
          }
        }
      }
    }
    return KEY_NONE;
  }

  /** End of the last word of {@code [ks, ke)}, skipping trailing separators and digits. */
  private static int trimKeyEnd(String t, int ks, int ke) {
    int e = ke;
    while (e > ks && !is(t.charAt(e - 1), UPPER | LOWER)) {
      e--;
    }
    return e;
  }

  private static int wordStart(String t, int ks, int e) {
    int j = e - 1;
    char c = t.charAt(j);
    if (is(c, LOWER)) {
      while (j > ks && is(t.charAt(j - 1), LOWER)) {
        j--;
      }
      if (j > ks && is(t.charAt(j - 1), UPPER)) {
        j--;
      }
    } else {
      while (j > ks && is(t.charAt(j - 1), UPPER)) {
        j--;
      }
    }
    return j;
  }

  private static boolean endsWithWord(String t, int s, int e, String w) {
    int len = w.length();
    return e - s >= len && t.regionMatches(true, e - len, w, 0, len);
  }

  // ---------------------------------------------------------------------------------------------
  // The scan

  private static Spans scan(String t) {
    Spans spans = null;
    final int n = t.length();
    boolean prevAlnum = false;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      int cls = c < 128 ? CLS[c] : 0;
      int skipTo = -1;
      if ((cls & ALNUM) == 0) {
        prevAlnum = false;
        if (c == ':') {
          spans = i + 2 < n && t.charAt(i + 1) == '/' && t.charAt(i + 2) == '/'
              ? urlCredentials(t, i, spans) : keyValue(t, i, spans);
        } else if (c == '=') {
          spans = keyValue(t, i, spans);
        } else if (c == '-' && i + 1 < n && t.charAt(i + 1) == '-' && t.startsWith("-----BEGIN ", i)) {
          skipTo = privateKeyBlockEnd(t, i);
          spans = Spans.addIf(spans, i, skipTo, PRIVATE_KEY, PRIO_STRUCTURE);
        }
      } else if (prevAlnum) {
        // Inside a word only the Azure secret has an anchor: its "Q~" sits at offset 4.
        if (c == 'Q' && i + 1 < n && t.charAt(i + 1) == '~') {
          int start = azureSecretStart(t, i);
          if (start >= 0) {
            int e = run(t, i + 2, n, AZURE);
            if (e - (i + 2) >= 34) {
              skipTo = e;
              spans = Spans.add(spans, start, e, AZURE_CLIENT_SECRET, PRIO_TOKEN);
            }
          }
        }
      } else {
        prevAlnum = true;
        // Every prefixed token starts a word; the second character rules out most words cheaply.
        char c1 = i + 1 < n ? t.charAt(i + 1) : 0;
        switch (c) {
          case 'A' -> {
            if (c1 == 'I') {
              if (t.startsWith("AIza", i)) {
                skipTo = prefixed(t, i, 4, B64URL, 35);
                spans = Spans.addIf(spans, i, skipTo, GOOGLE_API_KEY, PRIO_TOKEN);
              }
            } else if (c1 == 'K' || c1 == 'S' || c1 == 'B' || c1 == 'C') {
              skipTo = awsKeyId(t, i);
              spans = Spans.addIf(spans, i, skipTo, AWS_ACCESS_KEY_ID, PRIO_TOKEN);
            } else if (c1 == 'W' || c1 == 'w') {
              spans = awsSecretNear(t, i, spans);
            }
          }
          case 'a' -> {
            if (c1 == 'w' || c1 == 'W') {
              spans = awsSecretNear(t, i, spans);
            }
          }
          case 'g' -> {
            if (c1 == 'h') {
              if (i + 4 < n && t.charAt(i + 3) == '_' && "pousr".indexOf(t.charAt(i + 2)) >= 0) {
                skipTo = prefixed(t, i, 4, ALNUM, 36);
                spans = Spans.addIf(spans, i, skipTo, t.charAt(i + 2) == 'p' ? GITHUB_PAT : GITHUB_TOKEN, PRIO_TOKEN);
              }
            } else if (c1 == 'i') {
              if (t.startsWith("github_pat_", i)) {
                skipTo = prefixed(t, i, 11, WORD, 40);
                spans = Spans.addIf(spans, i, skipTo, GITHUB_PAT, PRIO_TOKEN);
              }
            } else if (c1 == 'l') {
              if (t.startsWith("glpat-", i)) {
                skipTo = prefixed(t, i, 6, KEY, 20);
                spans = Spans.addIf(spans, i, skipTo, GITLAB_PAT, PRIO_TOKEN);
              } else if (t.startsWith("glrt-", i)) {
                skipTo = prefixed(t, i, 5, KEY, 20);
                spans = Spans.addIf(spans, i, skipTo, GITLAB_RUNNER_TOKEN, PRIO_TOKEN);
              }
            }
          }
          case 'G' -> {
            if (c1 == 'R' && t.startsWith("GR1348941", i)) {
              skipTo = prefixed(t, i, 9, B64URL, 20);
              spans = Spans.addIf(spans, i, skipTo, GITLAB_RUNNER_TOKEN, PRIO_TOKEN);
            }
          }
          case 'x' -> {
            if (c1 == 'o' && i + 5 < n && t.charAt(i + 2) == 'x' && t.charAt(i + 4) == '-'
                && "bparse".indexOf(t.charAt(i + 3)) >= 0) {
              skipTo = prefixed(t, i, 5, SLACK, 10);
            } else if (c1 == 'a' && t.startsWith("xapp-", i)) {
              skipTo = prefixed(t, i, 5, SLACK, 10);
            }
            spans = Spans.addIf(spans, i, skipTo, SLACK_TOKEN, PRIO_TOKEN);
          }
          case 'h' -> {
            if (c1 == 'o') {
              skipTo = slackWebhookEnd(t, i);
              if (skipTo > 0) {
                spans = Spans.add(spans, slackWebhookStart(t, i), skipTo, SLACK_WEBHOOK, PRIO_TOKEN);
              }
            } else if (c1 == 'f') {
              if (i + 2 < n && t.charAt(i + 2) == '_') {
                skipTo = prefixed(t, i, 3, ALNUM, 30);
                spans = Spans.addIf(spans, i, skipTo, HUGGINGFACE_TOKEN, PRIO_TOKEN);
              }
            } else if (c1 == 'v') {
              if (i + 4 < n && t.charAt(i + 3) == '.' && "sbr".indexOf(t.charAt(i + 2)) >= 0) {
                skipTo = prefixed(t, i, 4, B64URL, 24);
                spans = Spans.addIf(spans, i, skipTo, VAULT_TOKEN, PRIO_TOKEN);
              }
            }
          }
          case 's' -> {
            if (c1 == 'k' || c1 == '.') {
              skipTo = sLowerTokens(t, i);
              spans = Spans.addIf(spans, i, skipTo, sLowerKind(t, i), PRIO_TOKEN);
            } else if (c1 == 'e' || c1 == 'E') {
              spans = awsSecretNear(t, i, spans);
            }
          }
          case 'S' -> {
            if (c1 == 'G') {
              skipTo = sendgridEnd(t, i);
              spans = Spans.addIf(spans, i, skipTo, SENDGRID_API_KEY, PRIO_TOKEN);
            } else if (c1 == 'e' || c1 == 'E') {
              spans = awsSecretNear(t, i, spans);
            }
          }
          case 'r' -> {
            if (c1 == 'k' && (t.startsWith("rk_live_", i) || t.startsWith("rk_test_", i))) {
              skipTo = prefixed(t, i, 8, ALNUM, 16);
              spans = Spans.addIf(spans, i, skipTo, STRIPE_RESTRICTED_KEY, PRIO_TOKEN);
            }
          }
          case 'n' -> {
            if (c1 == 'p' && t.startsWith("npm_", i)) {
              skipTo = prefixed(t, i, 4, ALNUM, 36);
              spans = Spans.addIf(spans, i, skipTo, NPM_TOKEN, PRIO_TOKEN);
            }
          }
          case 'p' -> {
            if (c1 == 'y' && t.startsWith("pypi-AgEIcHlwaS5vcmc", i)) {
              skipTo = prefixed(t, i, 20, B64URL, 40);
              spans = Spans.addIf(spans, i, skipTo, PYPI_TOKEN, PRIO_TOKEN);
            }
          }
          case 'd' -> {
            if (c1 == 'a' && t.startsWith("dapi", i)) {
              skipTo = databricksEnd(t, i);
              spans = Spans.addIf(spans, i, skipTo, DATABRICKS_TOKEN, PRIO_TOKEN);
            }
          }
          case 'e' -> {
            if (c1 == 'y' && i + 2 < n && t.charAt(i + 2) == 'J') {
              skipTo = jwt(t, i);
              spans = Spans.addIf(spans, i, skipTo, JWT, PRIO_TOKEN);
            }
          }
          case 'B', 'b' -> {
            if (c1 == 'e' || c1 == 'a') {
              spans = schemeCredential(t, i, spans);
            }
          }
          default -> { }
        }
      }
      if (skipTo > i) {
        i = skipTo - 1;
        prevAlnum = is(t.charAt(i), ALNUM);
      }
    }
    return spans;
  }

  private static int slackWebhookEnd(String t, int i) {
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
  private static int slackWebhookStart(String t, int i) {
    if (i >= 8 && t.startsWith("https://", i - 8)) {
      return i - 8;
    }
    if (i >= 7 && t.startsWith("http://", i - 7)) {
      return i - 7;
    }
    return i;
  }

  private static int sendgridEnd(String t, int i) {
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

  private static int databricksEnd(String t, int i) {
    int n = t.length();
    int e = run(t, i + 4, n, HEX);
    if (e - (i + 4) != 32) {
      return -1;
    }
    if (e + 1 < n && t.charAt(e) == '-' && is(t.charAt(e + 1), DIGIT)) {
      e = run(t, e + 1, n, DIGIT);
    }
    return e == n || !is(t.charAt(e), ALNUM) ? e : -1;
  }

  /** {@code prefixLen} fixed characters then at least {@code minBody} of {@code cls}: end, or -1. */
  private static int prefixed(String t, int i, int prefixLen, int cls, int minBody) {
    int b = i + prefixLen;
    int e = run(t, b, t.length(), cls);
    return e - b >= minBody ? e : -1;
  }

  private static int awsKeyId(String t, int i) {
    int n = t.length();
    if (i + 20 > n || !boundaryBefore(t, i)) {
      return -1;
    }
    if (!(t.startsWith("AKIA", i) || t.startsWith("ASIA", i) || t.startsWith("ABIA", i) || t.startsWith("ACCA", i))) {
      return -1;
    }
    int e = run(t, i + 4, i + 20, UPNUM);
    return e == i + 20 && (e == n || !is(t.charAt(e), ALNUM)) ? e : -1;
  }

  /**
   * A 40-character secret access key has no prefix, so it is only looked for just after a context
   * word ("aws", "secret"), case-insensitive, anywhere (e.g. inside {@code aws_secret_access_key}).
   */
  private static Spans awsSecretNear(String t, int i, Spans spans) {
    int n = t.length();
    int after;
    if (i + 3 <= n && (t.charAt(i + 2) | 0x20) == 's' && t.regionMatches(true, i, "aws", 0, 3)) {
      after = i + 3;
    } else if (i + 6 <= n && (t.charAt(i + 2) | 0x20) == 'c' && t.regionMatches(true, i, "secret", 0, 6)) {
      after = i + 6;
    } else {
      return spans;
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
        return Spans.add(spans, j, e, AWS_SECRET_ACCESS_KEY, PRIO_TOKEN);
      }
      j = e;
    }
    return spans;
  }

  /** Mixed case and digits, and not a hex digest. */
  private static boolean looksRandom(String t, int s, int e) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean nonHex = false;
    for (int k = s; k < e; k++) {
      char c = t.charAt(k);
      upper |= is(c, UPPER);
      lower |= is(c, LOWER);
      digit |= is(c, DIGIT);
      nonHex |= !is(c, HEX);
    }
    return upper && lower && digit && nonHex;
  }

  private static int sLowerTokens(String t, int i) {
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

  private static String sLowerKind(String t, int i) {
    if (t.startsWith("sk_", i)) {
      return STRIPE_SECRET_KEY;
    }
    if (t.startsWith("sk-ant-", i)) {
      return ANTHROPIC_API_KEY;
    }
    if (t.startsWith("sk-", i)) {
      return OPENAI_API_KEY;
    }
    return VAULT_TOKEN;
  }

  private static boolean vaultBefore(String t, int i) {
    for (int k = Math.max(0, i - 80); k + 5 <= i; k++) {
      if (t.regionMatches(true, k, "vault", 0, 5)) {
        return true;
      }
    }
    return false;
  }

  private static int jwt(String t, int i) {
    int n = t.length();
    int h = run(t, i, n, B64URL);
    if (h - i < 10 || h >= n || t.charAt(h) != '.') {
      return -1;
    }
    int p = run(t, h + 1, n, B64URL);
    if (p - (h + 1) < 4 || p >= n || t.charAt(p) != '.') {
      return -1;
    }
    int s = run(t, p + 1, n, B64URL);
    return s;
  }

  /** Azure AD client secrets: 3 characters, a digit, {@code Q~}, then 34 more. */
  private static int azureSecretStart(String t, int q) {
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

  /** The end of a PEM private key block; the rest of the text when its END line is missing. */
  private static int privateKeyBlockEnd(String t, int i) {
    int headerEnd = -1;
    boolean privateKey = false;
    for (int k = i + 11, max = Math.min(t.length() - 4, i + 80); k < max; k++) {
      if (t.startsWith("-----", k)) {
        headerEnd = k;
        break;
      }
      privateKey |= t.startsWith("PRIVATE KEY", k);
    }
    if (headerEnd < 0 || !privateKey) {
      return -1;
    }
    int end = t.indexOf("-----END ", headerEnd + 5);
    if (end < 0) {
      return t.length();
    }
    int close = t.indexOf("-----", end + 9);
    return close < 0 ? t.length() : close + 5;
  }

  /**
   * {@code Bearer <token>} and {@code Basic <base64 of user:password>} outside a header name (e.g.
   * an OTLP attribute value): the scheme stays, the credential goes.
   */
  private static Spans schemeCredential(String t, int i, Spans spans) {
    int n = t.length();
    if (!boundaryBefore(t, i)) {
      return spans;
    }
    if (i + 7 < n && t.regionMatches(true, i, "bearer ", 0, 7)) {
      int s = i + 7;
      int e = run(t, s, n, TOKEN68);
      while (e < n && t.charAt(e) == '=') {
        e++;
      }
      if (e - s >= 16 && !isMarker(t, s, e)) {
        return Spans.add(spans, s, e, AUTHORIZATION, PRIO_STRUCTURE);
      }
    } else if (i + 6 < n && t.regionMatches(true, i, "basic ", 0, 6)) {
      int s = i + 6;
      int e = run(t, s, n, B64);
      while (e < n && t.charAt(e) == '=') {
        e++;
      }
      if (e - s >= 8 && base64HasColon(t, s, e)) {
        return Spans.add(spans, s, e, AUTHORIZATION, PRIO_STRUCTURE);
      }
    }
    return spans;
  }

  private static boolean base64HasColon(String t, int s, int e) {
    int acc = 0;
    int bits = 0;
    for (int k = s; k < e; k++) {
      char c = t.charAt(k);
      int v;
      if (c >= 'A' && c <= 'Z') {
        v = c - 'A';
      } else if (c >= 'a' && c <= 'z') {
        v = c - 'a' + 26;
      } else if (c >= '0' && c <= '9') {
        v = c - '0' + 52;
      } else if (c == '+') {
        v = 62;
      } else if (c == '/') {
        v = 63;
      } else {
        break;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (((acc >> bits) & 0xFF) == ':') {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code scheme://user:password@host}: the whole userinfo, when it holds a password. */
  private static Spans urlCredentials(String t, int i, Spans spans) {
    int n = t.length();
    if (i == 0 || !is(t.charAt(i - 1), ALNUM)) {
      return spans;
    }
    int s = i + 3;
    int limit = Math.min(n, s + 512);
    int at = -1;
    int colon = -1;
    for (int k = s; k < limit; k++) {
      char c = t.charAt(k);
      if (c == '@') {
        at = k;
      } else if (c == ':' && colon < 0) {
        colon = k;
      } else if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '\\' || c == '<'
          || c == '>' || Character.isWhitespace(c)) {
        break;
      }
    }
    if (at <= s || isMarker(t, s, at)) {
      return spans;
    }
    if (colon < 0 || colon >= at || colon == at - 1) {
      return spans;
    }
    return Spans.add(spans, s, at, URL_CREDENTIALS, PRIO_STRUCTURE);
  }

  // ---------------------------------------------------------------------------------------------
  // key=value, key: value, "key": "value"

  private static Spans keyValue(String t, int sep, Spans spans) {
    int n = t.length();
    boolean colon = t.charAt(sep) == ':';
    // The key, read backwards.
    int j = sep;
    int spaces = 0;
    while (j > 0 && t.charAt(j - 1) == ' ' && spaces < 3) {
      j--;
      spaces++;
    }
    boolean quotedKey = j > 0 && (t.charAt(j - 1) == '"' || t.charAt(j - 1) == '\'');
    if (quotedKey) {
      j--;
      if (j > 0 && t.charAt(j - 1) == '\\') {
        j--; // JSON text inside a JSON string: \"key\":
      }
    } else if (spaces > 0 && colon) {
      return spans; // "Token : x" reads as prose, not as a field.
    }
    int ke = j;
    while (j > 0 && is(t.charAt(j - 1), KEY) && ke - j < 64) {
      j--;
    }
    int ks = j;
    if (ks == ke || (ks > 0 && is(t.charAt(ks - 1), KEY))) {
      return spans;
    }
    if (quotedKey && !(ks > 0 && (t.charAt(ks - 1) == '"' || t.charAt(ks - 1) == '\''))) {
      return spans;
    }
    int kind = keyKind(t, ks, ke);
    if (kind == KEY_NONE) {
      return spans;
    }
    // The value.
    int v = sep + 1;
    if (!colon && v < n && t.charAt(v) == '>') {
      v++; // key => value
    }
    // "password= user=bob" has an empty password; "password = x" and "password: x" have x.
    while (v < n && t.charAt(v) == ' ' && (colon || spaces > 0)) {
      v++;
    }
    if (v >= n || t.charAt(v) == '=' || t.charAt(v) == ':') {
      return spans; // "token == null", "Token::parse": code, not a field
    }
    int cs;
    int limit;
    boolean quoted;
    char q = t.charAt(v);
    if (q == '"' || q == '\'') {
      cs = v + 1;
      limit = closingQuote(t, cs, q);
      quoted = true;
    } else if (q == '\\' && v + 1 < n && t.charAt(v + 1) == '"') {
      cs = v + 2; // JSON text inside a JSON string: \"key\":\"value\"
      int close = t.indexOf("\\\"", cs);
      limit = close < 0 ? n : close;
      quoted = true;
    } else if (q == '{' || q == '[') {
      return spans; // a structure: its own fields are scanned on their own
    } else {
      // Each unquoted reader stops at line ends itself; no eager scan to the end of the line, so
      // that a long line with many keys stays linear.
      cs = v;
      limit = n;
      quoted = false;
    }
    boolean proseRisk = colon && !quotedKey && !quoted;
    return switch (kind) {
      case KEY_AUTHORIZATION -> authorizationValue(t, cs, limit, quoted, proseRisk, spans);
      case KEY_COOKIE, KEY_SET_COOKIE -> cookieValue(t, cs, limit, kind == KEY_SET_COOKIE, proseRisk, spans);
      default -> genericValue(t, ks, ke, cs, limit, quoted, proseRisk, spans);
    };
  }

  private static int closingQuote(String t, int from, char q) {
    int n = t.length();
    for (int k = from; k < n; k++) {
      char c = t.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == q) {
        return k;
      }
    }
    return n;
  }

  private static Spans genericValue(
      String t, int ks, int ke, int cs, int limit, boolean quoted, boolean proseRisk, Spans spans) {
    int e;
    if (quoted) {
      e = limit;
    } else {
      e = unquotedValueEnd(t, cs, limit);
      if (e - cs == 4 && t.startsWith("null", cs)) {
        return spans;
      }
      // sudo and env dumps log the working directory as PWD=/path: not a password.
      if (ke - ks == 3 && t.startsWith("PWD", ks) && e > cs && t.charAt(cs) == '/') {
        return spans;
      }
      if (proseRisk && isProseWord(t, cs, e)) {
        return spans;
      }
    }
    if (e <= cs || isMarker(t, cs, e) || allStars(t, cs, e)) {
      return spans;
    }
    return Spans.add(spans, cs, e, SECRET_VALUE, PRIO_GENERIC);
  }

  /**
   * Unquoted values end at whitespace, {@code , ; " \}, at {@code &} only when a {@code name=} follows
   * (a password may hold a bare {@code &}), and at an unbalanced closing bracket.
   */
  private static int unquotedValueEnd(String t, int cs, int limit) {
    int open = 0;
    for (int k = cs; k < limit; k++) {
      char c = t.charAt(k);
      switch (c) {
        case ' ', '\t', ',', ';', '"', '\\', '\n', '\r' -> {
          return k;
        }
        case '&' -> {
          int a = run(t, k + 1, limit, KEY);
          if (a > k + 1 && a < limit && t.charAt(a) == '=') {
            return k;
          }
        }
        case '(', '[', '{' -> open++;
        case ')', ']', '}' -> {
          if (open == 0) {
            return k;
          }
          open--;
        }
        default -> { }
      }
    }
    return limit;
  }

  /** "Bad credentials: check the config": a plain word followed by more words is prose, not a value. */
  private static boolean isProseWord(String t, int s, int e) {
    for (int k = s; k < e; k++) {
      if (!is(t.charAt(k), UPPER | LOWER)) {
        return false;
      }
    }
    return e + 1 < t.length() && t.charAt(e) == ' ' && is(t.charAt(e + 1), UPPER | LOWER);
  }

  private static Spans authorizationValue(
      String t, int cs, int limit, boolean quoted, boolean proseRisk, Spans spans) {
    int s = cs;
    while (s < limit && t.charAt(s) == ' ') {
      s++;
    }
    // A scheme is a short word of letters, digits and dashes; anything else is a bare credential.
    int w = run(t, s, limit, ALNUM | SLACK);
    int cred = s;
    if (w > s && w - s <= 20 && is(t.charAt(s), UPPER | LOWER) && w < limit && t.charAt(w) == ' ') {
      int c2 = w;
      while (c2 < limit && t.charAt(c2) == ' ') {
        c2++;
      }
      if (c2 < limit && !isTerminator(t.charAt(c2))) {
        cred = c2; // the scheme word stays
      }
    }
    if (cred >= limit || isMarker(t, cred, limit)) {
      return spans;
    }
    int e;
    int p = run(t, cred, limit, KEY);
    boolean params = p > cred && p < limit && t.charAt(p) == '=' && p + 1 < limit && t.charAt(p + 1) != ' '
        && t.charAt(p + 1) != '=';
    if (quoted || params) {
      // Digest-like parameter lists run to the end of the value, quoted parameters included.
      e = quoted ? limit : paramListEnd(t, cred);
      while (e > cred && t.charAt(e - 1) == ' ') {
        e--;
      }
    } else {
      e = cred;
      while (e < limit && !isTerminator(t.charAt(e))) {
        e++;
      }
      if (proseRisk && isProseWord(t, cred, e)) {
        return spans;
      }
    }
    if (e <= cred) {
      return spans;
    }
    return Spans.add(spans, cred, e, AUTHORIZATION, PRIO_STRUCTURE);
  }

  /** End of an unquoted {@code a="x", b=y} list: line end or the end of the enclosing JSON string. */
  private static int paramListEnd(String t, int from) {
    int n = t.length();
    for (int k = from; k < n; k++) {
      char c = t.charAt(k);
      if (c == '=' && k + 1 < n && t.charAt(k + 1) == '"') {
        int close = t.indexOf('"', k + 2);
        if (close < 0) {
          return n;
        }
        k = close;
      } else if (c == '=' && k + 2 < n && t.charAt(k + 1) == '\\' && t.charAt(k + 2) == '"') {
        int close = t.indexOf("\\\"", k + 3);
        if (close < 0) {
          return n;
        }
        k = close + 1;
      } else if (c == '"' || c == '\n' || c == '\r') {
        return k;
      } else if (c == '\\' && isLineOrStringEnd(t, k + 1)) {
        return k;
      }
    }
    return n;
  }

  /** After a backslash in JSON text: {@code \n}, {@code \r} or {@code \"}. */
  private static boolean isLineOrStringEnd(String t, int k) {
    if (k >= t.length()) {
      return false;
    }
    char c = t.charAt(k);
    return c == 'n' || c == 'r' || c == '"';
  }

  private static boolean isTerminator(char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\\' || c == ',' || c == ';' || c == '\n' || c == '\r';
  }

  private static Spans cookieValue(
      String t, int cs, int limit, boolean setCookie, boolean proseRisk, Spans spans) {
    int k = cs;
    boolean first = true;
    while (k < limit) {
      while (k < limit && t.charAt(k) == ' ') {
        k++;
      }
      int nameEnd = k;
      while (nameEnd < limit && !isCookieStop(t.charAt(nameEnd)) && t.charAt(nameEnd) != '=') {
        nameEnd++;
      }
      int vs;
      if (nameEnd < limit && t.charAt(nameEnd) == '=' && nameEnd > k) {
        vs = nameEnd + 1;
      } else if (first) {
        vs = k; // a bare value, no name
        if (proseRisk && isProseWord(t, vs, nameEnd)) {
          return spans;
        }
      } else {
        return spans;
      }
      int ve = vs;
      while (ve < limit && !isCookieStop(t.charAt(ve))) {
        ve++;
      }
      if (ve > vs && !isMarker(t, vs, ve)) {
        spans = Spans.add(spans, vs, ve, COOKIE, PRIO_STRUCTURE);
      }
      if (setCookie) {
        return spans;
      }
      first = false;
      k = ve;
      if (k < limit && t.charAt(k) == ';') {
        k++;
      } else {
        return spans;
      }
    }
    return spans;
  }

  private static boolean isCookieStop(char c) {
    return c == ';' || c == ' ' || c == '\t' || c == '"' || c == '\\' || c == ',' || c == '\n' || c == '\r';
  }

  // ---------------------------------------------------------------------------------------------
  // Markers and output

  private static boolean isMarker(String t, int s, int e) {
    return e - s > MARKER_OPEN.length() && t.startsWith(MARKER_OPEN, s);
  }

  private static boolean allStars(String t, int s, int e) {
    for (int k = s; k < e; k++) {
      if (t.charAt(k) != '*') {
        return false;
      }
    }
    return true;
  }

  static String marker(String kind) {
    return MARKER_OPEN + kind + "]";
  }

  /** The candidate spans of one text; created on the first hit only. */
  private static final class Spans {
    private int[] start = new int[8];
    private int[] end = new int[8];
    private int[] prio = new int[8];
    private String[] kind = new String[8];
    private int size;

    static Spans addIf(Spans spans, int s, int e, String kind, int prio) {
      return e > s ? add(spans, s, e, kind, prio) : spans;
    }

    static Spans add(Spans spans, int s, int e, String kind, int prio) {
      Spans out = spans == null ? new Spans() : spans;
      if (out.size == out.start.length) {
        int cap = out.size * 2;
        out.start = java.util.Arrays.copyOf(out.start, cap);
        out.end = java.util.Arrays.copyOf(out.end, cap);
        out.prio = java.util.Arrays.copyOf(out.prio, cap);
        out.kind = java.util.Arrays.copyOf(out.kind, cap);
      }
      out.start[out.size] = s;
      out.end[out.size] = e;
      out.prio[out.size] = prio;
      out.kind[out.size] = kind;
      out.size++;
      return out;
    }

    String apply(String t, RedactionCounts counts) {
      StringBuilder sb = new StringBuilder(t.length());
      int[] copied = {0};
      merged((s, e, kd) -> {
        sb.append(t, copied[0], s).append(MARKER_OPEN).append(kd).append(']');
        copied[0] = e;
        if (counts != null) {
          counts.add(kd, 1);
        }
      });
      sb.append(t, copied[0], t.length());
      return sb.toString();
    }

    /** The spans in text order, overlapping ones merged into one of the most specific member's kind. */
    void merged(SecretSpans.Sink sink) {
      sortByStart();
      int k = 0;
      while (k < size) {
        int s = start[k];
        int e = end[k];
        int p = prio[k];
        String kd = kind[k];
        k++;
        while (k < size && start[k] < e) {
          if (prio[k] > p) {
            p = prio[k];
            kd = kind[k];
          }
          e = Math.max(e, end[k]);
          k++;
        }
        sink.add(s, e, kd);
      }
    }

    private void sortByStart() {
      for (int a = 1; a < size; a++) {
        int s = start[a];
        int e = end[a];
        int p = prio[a];
        String kd = kind[a];
        int b = a - 1;
        while (b >= 0 && (start[b] > s || (start[b] == s && end[b] < e))) {
          start[b + 1] = start[b];
          end[b + 1] = end[b];
          prio[b + 1] = prio[b];
          kind[b + 1] = kind[b];
          b--;
        }
        start[b + 1] = s;
        end[b + 1] = e;
        prio[b + 1] = p;
        kind[b + 1] = kd;
      }
    }
  }
}
