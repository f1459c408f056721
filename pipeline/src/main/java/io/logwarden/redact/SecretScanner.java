package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.ANCHOR;
import static io.logwarden.redact.tokens.CharClasses.BASE64_ANY;
import static io.logwarden.redact.tokens.CharClasses.classes;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.Spans.PRIO_RULE;
import static io.logwarden.redact.Spans.PRIO_STRUCTURE;
import static io.logwarden.redact.Spans.PRIO_TOKEN;

import io.logwarden.redact.tokens.AwsKeys;
import io.logwarden.redact.tokens.AzureClientSecrets;
import io.logwarden.redact.tokens.ProviderTokens;
import io.logwarden.redact.tokens.TokenShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds credentials in free log text (provider tokens, JWTs, private key blocks, Authorization and
 * Cookie headers, passwords in URLs and connection strings, values under secret-sounding keys, in
 * XML elements and in split name/value pairs, and all of these behind base64, JSON or URL escapes)
 * and replaces each one whole by {@code [REDACTED:<kind>]}.
 *
 * <p>Design, for speed: one pass over the text dispatches on the current character to a few literal
 * anchors ({@code ghp_}, {@code AKIA}, {@code eyJ}, {@code ://}, {@code =}, {@code :}, {@code <} ...)
 * and runs a hand-written shape check only where an anchor sits; no regex, and nothing is allocated
 * until something matches. Candidate spans are collected ({@link Spans}), overlapping ones are merged
 * (the merged span takes the kind of the most specific member: header/URL/key-block structure, then
 * provider token, then a rule-set match, then generic secret value), and the output is built once.
 * The checks live in one class per family:
 * <ul>
 *   <li>{@link ProviderTokens}: the registry of provider token shapes, one {@code TokenFamily} per provider
 *       in {@code redact/tokens} (a shape per prefix), and the AWS secret access key beside its key id;</li>
 *   <li>{@link KeyValueSecrets} with {@link KeyNames}: values under secret-named keys, and where such a
 *       value ends (its class comment has the rule);</li>
 *   <li>{@link HeaderSecrets}: Authorization and Cookie values, bare Bearer/Basic credentials;</li>
 *   <li>{@link SplitPairSecrets}: {@code {"name":"x-api-key","value":"…"}} and its kin;</li>
 *   <li>{@link MarkupSecrets}: XML and HTML elements and attributes;</li>
 *   <li>{@link ConnectionStrings}: URL userinfo and DSNs;</li>
 *   <li>{@link EncodedSecrets}: base64 blobs, JSON and percent escapes (decode, then scan).</li>
 * </ul>
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
 *   <li>{@code key=value}, {@code key: value}, {@code "key": "value"}, {@code <key>value</key>} with a
 *       key for which {@link #isSecretKey} holds: the value (inside the quotes when quoted) becomes
 *       {@code [REDACTED:secret-value]}, or the provider kind when the value is a recognised token.</li>
 * </ul>
 *
 * <p>Immutable: one instance is shared by all stream threads.
 */
public final class SecretScanner {

  // The kinds of the structure the fast path reads (provider token kinds are their families' in
  // redact/tokens), i.e. marker names and RedactionCounts rule ids.
  static final String PRIVATE_KEY = "private-key";
  static final String AUTHORIZATION = "authorization";
  static final String COOKIE = "cookie";
  static final String URL_CREDENTIALS = "url-credentials";
  static final String SECRET_VALUE = "secret-value";
  /** Used only if a detector fails unexpectedly: the whole text is withheld rather than leaked. */
  static final String UNSCANNED = "unscanned";

  static final String MARKER_OPEN = "[REDACTED:";

  /** The kinds of structured credentials, for the generated reference ({@code SecretScannerTest} holds it to the constants above). */
  public static final List<String> STRUCTURE_KINDS = List.of(PRIVATE_KEY, AUTHORIZATION, COOKIE, URL_CREDENTIALS, SECRET_VALUE);

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
   *
   * @return whether the rule set could find anything in {@code text} or in any part of it (see
   *     {@link SecretSpans#find}); true when a detector failed
   */
  public boolean find(String text, SecretSpans.Sink sink) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    Spans[] found = new Spans[1];
    boolean rulesMayFind;
    try {
      found[0] = scan(text);
      rulesMayFind = addRuleSpans(text, found);
    } catch (RuntimeException e) {
      sink.add(0, text.length(), UNSCANNED);
      return true;
    }
    if (found[0] != null) {
      found[0].merged(sink);
    }
    return rulesMayFind;
  }

  private Spans spans(String text) {
    Spans spans = scan(text);
    if (rules == null) {
      return spans; // the fast path alone allocates nothing on a clean text
    }
    Spans[] found = {spans};
    addRuleSpans(text, found);
    return found[0];
  }

  /** Adds the rule set's finds in {@code text} to {@code found[0]}; whether its keywords occur there. */
  private boolean addRuleSpans(String text, Spans[] found) {
    return rules != null && rules.find(text, (s, e, kind) -> found[0] = Spans.addIf(found[0], s, e, kind, PRIO_RULE));
  }

  /**
   * Like {@link #redact}, with the rule-set pass alone: for a text the fast path has already read with
   * at least as much context around it (see {@link RawSecrets#vouchesFor}). The rule set's expressions
   * may end at the end of the text ({@code \z}, {@code $}), so a field can hold a match its record's
   * raw text did not.
   */
  String redactByRules(String text, RedactionCounts counts) {
    if (text == null || rules == null) {
      return text;
    }
    try {
      Spans[] found = new Spans[1];
      addRuleSpans(text, found);
      return found[0] == null ? text : found[0].apply(text, counts);
    } catch (RuntimeException e) {
      if (counts != null) {
        counts.add(UNSCANNED, 1);
      }
      return marker(UNSCANNED);
    }
  }

  /**
   * The replacement for a whole value held under a key for which {@link #isSecretKey} holds: empty
   * values, values already redacted and placeholders that say there is no secret ({@code none},
   * {@code null}, {@code -}, {@code yes}, {@code no}, {@code true}, {@code false}, any case) stay as
   * they are, null stays null.
   */
  public String redactValueOfSecretKey(String value, RedactionCounts counts) {
    if (value == null || value.isEmpty() || isMarker(value, 0, value.length())
        || KeyValueSecrets.isPlaceholder(value)) {
      return value;
    }
    if (counts != null) {
      counts.add(SECRET_VALUE, 1);
    }
    return marker(SECRET_VALUE);
  }

  /**
   * Whether a field, header, parameter or element name says its value is a secret.
   *
   * <p>The rule: the name is split into words at {@code _ - . /}, spaces, digits and camelCase
   * boundaries, and only its LAST word decides, so that a secret word qualifies a name when it is
   * what the name is about ({@code db.password}, {@code user_password}, {@code x-api-key},
   * {@code MYSQL_PWD}, {@code clientSecret}, {@code Client Secret}) and not when it merely qualifies
   * another concept ({@code password_reset_at}, {@code token_count}, {@code tokens_used},
   * {@code max_tokens}, {@code secret_name}). Last words that count: password, passwd, pwd, pass,
   * passphrase, passcode, secret, token, credential(s), cookie, authorization, signature, sig, and
   * {@code key} after api, access, private, secret, signing, encryption, client, master, auth,
   * session, app, account, subscription or license ({@code API Key}). Run-together lower-case names
   * count when they end in one of the long words ({@code pgpassword}, {@code apikey},
   * {@code authtoken}, {@code clientsecret}); plurals such as {@code tokens} and {@code secrets} and
   * words such as {@code secretary} or {@code bypass} do not. A token after page, next, continuation
   * or pagination is a position in a listing, not a credential ({@code next_page_token},
   * {@code nextPageToken}, {@code NextToken}, {@code continuationToken}); {@code cursor} is no secret
   * word either.
   */
  public static boolean isSecretKey(String name) {
    return name != null && KeyNames.kind(name, 0, name.length()) != KeyNames.NONE;
  }

  // ---------------------------------------------------------------------------------------------
  // The scan

  static Spans scan(String t) {
    return scan(t, 0);
  }

  /** The spans of {@code t}; {@code depth} counts the decodings that made {@code t} (see {@link EncodedSecrets}). */
  static Spans scan(String t, int depth) {
    Spans spans = null;
    final int n = t.length();
    boolean prevAlnum = false;
    int base64Start = 0;
    boolean jsonEscapes = false;
    boolean percentEscapes = false;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      int cls = classes(c);
      int skipTo = -1;
      if ((cls & ALNUM) == 0) {
        prevAlnum = false;
        if ((cls & BASE64_ANY) == 0) {
          if (i - base64Start >= EncodedSecrets.MIN_RUN) {
            spans = EncodedSecrets.base64Run(t, base64Start, i, depth, spans);
          }
          base64Start = i + 1;
        }
        if ((cls & ANCHOR) != 0) {
          switch (c) {
            case ':' -> spans = i + 2 < n && t.charAt(i + 1) == '/' && t.charAt(i + 2) == '/'
                ? ConnectionStrings.urlCredentials(t, i, spans) : KeyValueSecrets.atSeparator(t, i, spans);
            case '=' -> spans = KeyValueSecrets.atSeparator(t, i, spans);
            case '-' -> {
              if (i + 1 < n && t.charAt(i + 1) == '-' && t.startsWith("-----BEGIN ", i)) {
                skipTo = privateKeyBlockEnd(t, i);
                spans = Spans.addIf(spans, i, skipTo, PRIVATE_KEY, PRIO_STRUCTURE);
              }
            }
            case '<' -> spans = MarkupSecrets.atTag(t, i, spans);
            case '[', '(' -> spans = SplitPairSecrets.headerPair(t, i, spans);
            case '@' -> spans = ConnectionStrings.goDsn(t, i, spans);
            case '\\' -> jsonEscapes |= EncodedSecrets.isJsonEscape(t, i);
            case '%' -> percentEscapes |= EncodedSecrets.isPercentEscape(t, i);
            default -> { }
          }
        }
      } else if (prevAlnum) {
        // Inside a word only the Azure secret has an anchor: its "Q~" sits at offset 4.
        if (c == 'Q' && i + 1 < n && t.charAt(i + 1) == '~') {
          long found = AzureClientSecrets.find(t, i);
          if (found >= 0) {
            skipTo = (int) found;
            spans = Spans.add(spans, (int) (found >>> 32), skipTo, AzureClientSecrets.CLIENT_SECRET, PRIO_TOKEN);
          }
        }
      } else {
        prevAlnum = true;
        // Every provider token and context word starts a word; its first two characters rule out most words.
        char c1 = i + 1 < n ? t.charAt(i + 1) : 0;
        if (c < 128 && (WORD_SECOND[c] & (1L << (c1 & 63))) != 0) {
          long token = ProviderTokens.match(t, i);
          if (token >= 0) {
            skipTo = ProviderTokens.end(token);
            spans = addToken(t, i, skipTo, ProviderTokens.shape(token), spans);
          } else {
            spans = contextWord(t, i, c, c1, spans);
          }
        }
      }
      if (skipTo > i) {
        i = skipTo - 1;
        prevAlnum = is(t.charAt(i), ALNUM);
        base64Start = skipTo;
      }
    }
    if (n - base64Start >= EncodedSecrets.MIN_RUN) {
      spans = EncodedSecrets.base64Run(t, base64Start, n, depth, spans);
    }
    if ((jsonEscapes || percentEscapes) && depth < EncodedSecrets.MAX_DEPTH) {
      spans = EncodedSecrets.scanDecoded(t, jsonEscapes, percentEscapes, depth, spans);
    }
    return spans;
  }

  /**
   * For each first character of a provider token's prefix or of a context word (see {@link #contextWord}),
   * the second characters that may follow it, as bits {@code 1 << (c1 & 63)}: a quick filter (a
   * collision only costs a look).
   */
  private static final long[] WORD_SECOND = new long[128];

  static {
    List<String> starts = new ArrayList<>(List.of("aw", "aW", "Aw", "AW", "se", "sE", "Se", "SE", "sq", "Be", "be", "Ba",
        "ba", "jd"));
    ProviderTokens.FAMILIES.forEach(family -> family.shapes().forEach(shape -> starts.add(shape.prefix())));
    for (String start : starts) {
      WORD_SECOND[start.charAt(0)] |= 1L << (start.charAt(1) & 63);
    }
  }

  /** A provider token {@code [i, end)} of {@code shape}, and what it makes a secret around it. */
  private static Spans addToken(String t, int i, int end, TokenShape shape, Spans spans) {
    Spans out = Spans.add(spans, i, end, shape.kind(), PRIO_TOKEN);
    if (shape.companion() != null) {
      shape.companion().find(t, i, end, (s, e, kind) -> Spans.add(out, s, e, kind, PRIO_TOKEN));
    }
    return out;
  }

  /** A word that makes what follows a secret: "aws", "secret", a Bearer/Basic scheme, a sqlplus or Oracle JDBC logon. */
  private static Spans contextWord(String t, int i, char c, char c1, Spans spans) {
    return switch (c) {
      case 'A', 'a' -> c1 == 'W' || c1 == 'w' ? awsSecretNear(t, i, spans) : spans;
      case 's', 'S' -> c1 == 'e' || c1 == 'E' ? awsSecretNear(t, i, spans)
          : c1 == 'q' ? ConnectionStrings.sqlplus(t, i, spans) : spans;
      case 'B', 'b' -> c1 == 'e' || c1 == 'a' ? HeaderSecrets.schemeCredential(t, i, spans) : spans;
      case 'j' -> c1 == 'd' ? ConnectionStrings.jdbcOracle(t, i, spans) : spans;
      default -> spans;
    };
  }

  /** An AWS secret access key after "aws" or "secret" at {@code i}; the words of {@code [REDACTED:aws-secret-access-key]} are no context. */
  private static Spans awsSecretNear(String t, int i, Spans spans) {
    long found = AwsKeys.secretNear(t, i);
    if (found < 0 || insideMarker(t, i)) {
      return spans;
    }
    return Spans.add(spans, (int) (found >>> 32), (int) found, AwsKeys.SECRET_ACCESS_KEY, PRIO_TOKEN);
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

  // ---------------------------------------------------------------------------------------------
  // Markers

  static boolean isMarker(String t, int s, int e) {
    return e - s > MARKER_OPEN.length() && t.startsWith(MARKER_OPEN, s);
  }

  /** Whether {@code i} is inside the kind of a marker, {@code [REDACTED:kind]}. */
  static boolean insideMarker(String t, int i) {
    for (int k = i - 1; k >= 0 && k >= i - 48; k--) {
      char c = t.charAt(k);
      if (c == '[') {
        return t.startsWith(MARKER_OPEN, k);
      }
      if (c == ']' || c <= ' ') {
        return false;
      }
    }
    return false;
  }

  static String marker(String kind) {
    return MARKER_OPEN + kind + "]";
  }
}
