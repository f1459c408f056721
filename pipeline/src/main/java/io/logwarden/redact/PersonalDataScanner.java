package io.logwarden.redact;

import java.util.Locale;
import java.util.Objects;

/**
 * Minimizes personal data in a log line: e-mail and IP addresses become keyed pseudonyms, card
 * numbers and IBANs are masked. Thread-safe; one hand-written pass over the text that looks at
 * cheap triggers only, so a clean line costs a fraction of a microsecond and allocates nothing.
 *
 * <p>What counts as a match, where the cases are ambiguous:
 *
 * <ul>
 *   <li><b>email</b>: local part of {@code A-Z a-z 0-9 . _ % + -}, domain of at least two labels
 *       whose last is letters only (or {@code xn--} punycode). Quoted local parts and non-ASCII
 *       addresses are not recognized. {@code user:password@host} in a URL yields
 *       {@code password@host}: run the secret scanner first.
 *   <li><b>ipv4</b>: four dotted decimal octets of 0 to 255 that are a token of their own: not
 *       preceded by a letter, digit, {@code _} or {@code .}, not followed by a letter, digit,
 *       {@code _} or {@code .digit}. So {@code 1.2.3.4.5} and {@code v1.2.3.4} are versions and
 *       stay, while a bare four-part version with small parts ({@code 1.2.3.4}) cannot be told
 *       from an address and is pseudonymized. Leading zeros are accepted and dropped.
 *   <li><b>ipv6</b>: full, {@code ::}-compressed or ending in a dotted IPv4, as a token of its own
 *       (so {@code std::vector} and {@code Foo::bar} stay); not {@code ::} alone; not times
 *       ({@code 10:15:30}) or MAC addresses, which do not have eight groups; and not eight groups
 *       of exactly two hex digits, which are EUI-64 hardware ids. A zone ({@code %eth0}) is kept.
 *   <li><b>card-number</b>: 13 to 19 digits, contiguous or as a first group of 4 then groups of 3
 *       to 6 joined by the same single space or dash, passing Luhn, starting with 2 to 6 (the
 *       payment networks: Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro). Not
 *       part of a longer digit run, a decimal fraction or a word. The first-digit rule keeps
 *       epoch timestamps in ms, us and ns (all starting with 1 until 2033) from being masked.
 *   <li><b>iban</b>: upper-case, electronic ({@code DE89370400440532013000}) or print form in
 *       groups of four ({@code DE89 3704 0044 0532 0130 00}), check digits 02 to 98, mod-97 valid, of the
 *       registered length for its country; for a country code not in the table, the compact form
 *       of 15 to 34 characters.
 * </ul>
 *
 * Markers {@code [REDACTED:rule]} and pseudonyms {@code pii:<id>:<digest>} are left alone, and a
 * candidate that starts right after a replaced region or ends right before a marker counts as glued
 * to it, as it was before the replacement; so running the scanner twice changes nothing the second
 * time. Loopback and private addresses are pseudonymized like any other: telling them apart is
 * not worth a rule that could leak. Tokens shaped like an address are taken for one, e.g. the SSH
 * algorithm name {@code chacha20-poly1305@openssh.com}.
 */
public final class PersonalDataScanner {

  public static final String EMAIL = "email";
  public static final String IPV4 = "ipv4";
  public static final String IPV6 = "ipv6";
  public static final String CARD_NUMBER = "card-number";
  public static final String IBAN = "iban";
  public static final String IP_TRUNCATED = "ip-truncated";
  public static final String HOSTNAME = "hostname";
  /** Counted when the scanner itself failed and the whole text was withheld. */
  public static final String SCAN_ERROR = "pii-scan-error";

  private static final String CARD_MARKER = "[REDACTED:" + CARD_NUMBER + "]";
  private static final String IBAN_MARKER = "[REDACTED:" + IBAN + "]";
  private static final String SCAN_ERROR_MARKER = "[REDACTED:" + SCAN_ERROR + "]";
  private static final String MARKER_PREFIX = "[REDACTED:";

  private static final byte NONE = 0;
  private static final byte DIGIT = 1;
  private static final byte UPPER = 2;
  private static final byte COLON = 3;
  private static final byte AT = 4;
  private static final byte MARKER_START = 5;
  private static final byte PERCENT = 6;
  private static final byte[] TRIGGER = new byte[128];
  private static final boolean[] WORD = new boolean[128];

  // ISO 13616 registry lengths; the BBAN formats differ too much to be worth checking.
  private static final String IBAN_LENGTHS = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27"
      + " BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27"
      + " GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28"
      + " LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15"
      + " OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23"
      + " ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
  private static final byte[] IBAN_LENGTH = new byte[26 * 26];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TRIGGER[c] = DIGIT;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      TRIGGER[c] = UPPER;
    }
    for (char c = 0; c < 128; c++) {
      WORD[c] = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9');
    }
    TRIGGER[':'] = COLON;
    TRIGGER['@'] = AT;
    TRIGGER['%'] = PERCENT;
    TRIGGER['['] = MARKER_START;
    for (String entry : IBAN_LENGTHS.split(" ")) {
      IBAN_LENGTH[(entry.charAt(0) - 'A') * 26 + entry.charAt(1) - 'A'] =
          Byte.parseByte(entry.substring(2));
    }
  }

  private final Pseudonymizer pseudonymizer;
  private final Spans.Replacement replacement = this::replacement;

  public PersonalDataScanner(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
  }

  /**
   * {@code text} with personal data replaced, counting each replacement in {@code counts} (which
   * may be null); the same instance when nothing matched; null for null. Never throws: should the
   * scan itself fail, the whole text is withheld rather than forwarded unscanned.
   */
  public String redact(String text, RedactionCounts counts) {
    if (text == null) {
      return null;
    }
    try {
      return scan(text, counts);
    } catch (RuntimeException e) {
      count(counts, SCAN_ERROR);
      return SCAN_ERROR_MARKER;
    }
  }

  /**
   * The pseudonym of a field that identifies a person as a whole, such as a user name or id,
   * counted under {@code rule} (e.g. {@code user}); unchanged when null, blank or already a
   * pseudonym.
   */
  public String pseudonymizeField(String value, RedactionCounts counts, String rule) {
    if (value == null || value.isBlank() || Pseudonymizer.isPseudonym(value)) {
      return value;
    }
    count(counts, rule);
    return pseudonymizer.pseudonym(value);
  }

  /**
   * A source or client address field: an IP becomes its pseudonym ({@code ipv4}, {@code ipv6}) or,
   * with {@code truncate}, its /24 or /48 network ({@code ip-truncated}). Anything else is taken
   * for a host name and pseudonymized lower-cased ({@code hostname}) even with {@code truncate},
   * since a workstation's name often names its user. Null, blank, {@code -} and pseudonyms are
   * returned unchanged.
   */
  public String addressField(String value, boolean truncate, RedactionCounts counts) {
    if (value == null || value.isBlank() || value.equals("-")
        || Pseudonymizer.isPseudonym(value)) {
      return value;
    }
    String address = value.strip();
    if (address.length() > 2 && address.charAt(0) == '[' && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1); // an IPv6 written as in a URL
    }
    String ip = IpAddressText.normalize(address);
    if (ip == null) {
      count(counts, HOSTNAME);
      return pseudonymizer.pseudonymOfNormalized(address.toLowerCase(Locale.ROOT));
    }
    if (truncate) {
      count(counts, IP_TRUNCATED);
      return IpAddressText.truncate(address);
    }
    count(counts, address.indexOf(':') >= 0 ? IPV6 : IPV4);
    return pseudonymizer.pseudonymOfNormalized(ip);
  }

  private String scan(String text, RedactionCounts counts) {
    int n = text.length();
    Spans found = null;
    // Nothing before this index may start a match: it was replaced, or is a marker or pseudonym.
    int guard = 0;
    int i = 0;
    while ((i = nextTrigger(text, i, n)) < n) {
      byte trigger = TRIGGER[text.charAt(i)];
      int start = i;
      int end;
      String rule;
      if (trigger == DIGIT) {
        int runEnd = digitRunEnd(text, i, n);
        int length = runEnd - i;
        char next = runEnd < n ? text.charAt(runEnd) : ' ';
        // Most digit runs are neither an octet before a dot nor long or grouped like a card.
        if (length <= 3 && next == '.') {
          rule = IPV4;
          end = matchIpv4(text, i, runEnd, n, guard);
        } else if (length >= 13 || (length == 4 && (next == ' ' || next == '-'))) {
          rule = CARD_NUMBER;
          end = matchCard(text, i, runEnd, n, guard);
        } else {
          rule = null;
          end = -1;
        }
        if (end < 0) {
          i = runEnd;
          continue;
        }
      } else if (trigger == UPPER) {
        rule = IBAN;
        end = matchIban(text, i, n, guard);
      } else if (trigger == COLON) {
        // A pseudonym is found at its first colon: cheaper than stopping at every 'p'.
        int pseudonymEnd = i - 3 >= guard ? Pseudonymizer.pseudonymEnd(text, i - 3) : -1;
        if (pseudonymEnd > 0) {
          guard = pseudonymEnd;
          i = pseudonymEnd;
          continue;
        }
        rule = IPV6;
        long span = matchIpv6(text, i, n, guard);
        start = (int) (span >> 32);
        end = (int) span;
      } else if (trigger == AT) {
        rule = EMAIL;
        long span = matchEmail(text, i, 1, n, guard);
        start = (int) (span >> 32);
        end = (int) span;
      } else if (trigger == PERCENT) {
        // "%40" is a percent-encoded '@' (RFC 3986, section 2.1): an address in a URL's query or path.
        if (i + 2 >= n || text.charAt(i + 1) != '4' || text.charAt(i + 2) != '0') {
          i++;
          continue;
        }
        rule = EMAIL;
        long span = matchEmail(text, i, 3, n, guard);
        start = (int) (span >> 32);
        end = (int) span;
      } else {
        end = markerEnd(text, i);
        if (end > 0) {
          guard = end;
          i = end;
        } else {
          i++;
        }
        continue;
      }
      if (end < 0) {
        i++;
        continue;
      }
      // The guard keeps the spans apart, so each is replaced and counted as found.
      found = Spans.add(found, start, end, rule, Spans.PRIO_GENERIC);
      guard = end;
      i = end;
    }
    return found == null ? text : found.apply(text, counts, replacement);
  }

  private String replacement(String rule, String text, int start, int end) {
    switch (rule) {
      case CARD_NUMBER:
        return CARD_MARKER;
      case IBAN:
        return IBAN_MARKER;
      case EMAIL:
        // An address percent-encoded in a URL gets the pseudonym of the address itself.
        return pseudonymizer.pseudonymOfNormalized(
            text.substring(start, end).toLowerCase(Locale.ROOT).replace("%40", "@"));
      default:
        return pseudonymizer.pseudonymOfNormalized(
            IpAddressText.normalize(text.substring(start, end)));
    }
  }

  private static void count(RedactionCounts counts, String rule) {
    if (counts != null) {
      counts.add(rule, 1);
    }
  }

  // --- IPv4 ---------------------------------------------------------------------------------

  private static int matchIpv4(String text, int i, int runEnd, int n, int guard) {
    if (runEnd - i > 3 || runEnd >= n || text.charAt(runEnd) != '.') {
      return -1;
    }
    if (wordBefore(text, i, guard) || (i > 0 && text.charAt(i - 1) == '.')) {
      return -1;
    }
    int pos = i;
    for (int part = 0; part < 4; part++) {
      int partStart = pos;
      int value = 0;
      while (pos < n && pos - partStart < 4 && isDigit(text.charAt(pos))) {
        value = value * 10 + (text.charAt(pos) - '0');
        pos++;
      }
      if (pos == partStart || pos - partStart > 3 || value > 255) {
        return -1;
      }
      if (part < 3) {
        if (pos >= n || text.charAt(pos) != '.') {
          return -1;
        }
        pos++;
      }
    }
    if (pos < n) {
      char after = text.charAt(pos);
      if (isWordChar(after) || (after == '.' && pos + 1 < n && isDigit(text.charAt(pos + 1)))) {
        return -1;
      }
    }
    return pos;
  }

  // --- IPv6 ---------------------------------------------------------------------------------

  /** (start << 32 | end) of the IPv6 literal around the colon at {@code colon}, or -1. */
  private static long matchIpv6(String text, int colon, int n, int guard) {
    int start = colon;
    while (start > guard && colon - start < 40 && isHexOrColon(text.charAt(start - 1))) {
      start--;
    }
    // After a dot it is the tail of a dotted token such as "1.2.3.4.5::".
    if (wordBefore(text, start, guard) || (start > 0 && text.charAt(start - 1) == '.')) {
      return -1;
    }
    int end = colon + 1;
    while (end < n && (isHexOrColon(text.charAt(end)) || text.charAt(end) == '.')) {
      if (++end - start > 46) {
        return -1;
      }
    }
    // Checked before dropping trailing dots: "fe80::1.x" is one token, not an address and ".x".
    if (wordAfter(text, end, n)) {
      return -1;
    }
    while (end > colon + 1 && text.charAt(end - 1) == '.') {
      end--;
    }
    // "addr fe80::1: refused": the colon after an address is punctuation.
    if (end - start >= 3 && text.charAt(end - 1) == ':' && text.charAt(end - 2) != ':') {
      end--;
    }
    if (end - start < 3 || end - start > 45) {
      return -1;
    }
    int colons = 0;
    boolean compressed = false;
    for (int k = start; k < end; k++) {
      if (text.charAt(k) == ':') {
        colons++;
        compressed |= k > start && text.charAt(k - 1) == ':';
      }
    }
    if (!compressed && colons != 7) {
      return -1;
    }
    if (!compressed && end - start == 23 && allGroupsTwoHexDigits(text, start)) {
      return -1;
    }
    if (!IpAddressText.parseIpv6(text, start, end, null)) {
      return -1;
    }
    return ((long) start << 32) | end;
  }

  private static boolean allGroupsTwoHexDigits(String text, int start) {
    for (int k = 2; k < 23; k += 3) {
      if (text.charAt(start + k) != ':') {
        return false;
      }
    }
    return true;
  }

  // --- e-mail -------------------------------------------------------------------------------

  /** (start << 32 | end) of the e-mail address around the {@code @} at {@code at}, or -1. */
  /**
   * (start << 32 | end) of the address around the at sign at {@code at}, written in {@code atLength}
   * characters ({@code @}, or {@code %40} percent-encoded), or -1.
   */
  private static long matchEmail(String text, int at, int atLength, int n, int guard) {
    int start = at;
    while (start > guard && isLocalChar(text.charAt(start - 1))) {
      if (at - --start > 64) {
        return -1;
      }
    }
    while (start < at && text.charAt(start) == '.') {
      start++;
    }
    if (start == at) {
      return -1;
    }
    // The longest run of labels that ends in a top-level domain: "a@b.co.4111..." is a@b.co, and
    // stays so when the card after it is masked and the text scanned again.
    int end = -1;
    int labels = 0;
    int labelStart = at + atLength;
    for (int k = at + atLength; k - at <= 254 + atLength - 1; k++) {
      boolean last = k == n || !isDomainChar(text.charAt(k));
      if (!last && text.charAt(k) != '.') {
        continue;
      }
      int length = k - labelStart;
      boolean valid = length > 0 && length <= 63 && text.charAt(labelStart) != '-'
          && text.charAt(k - 1) != '-';
      if (++labels >= 2) {
        if (valid && isTopLevelDomain(text, labelStart, k)) {
          end = k;
        } else {
          // "a@b.co-DE89...", "a@b.co- ": letters then a hyphen cannot continue a top-level domain.
          int letters = labelStart;
          while (letters < k && isAsciiLetter(text.charAt(letters))) {
            letters++;
          }
          if (letters - labelStart >= 2 && letters < k && text.charAt(letters) == '-') {
            end = letters;
          }
        }
      }
      if (last || !valid) {
        break;
      }
      labelStart = k + 1;
    }
    if (end < 0) {
      return -1;
    }
    return ((long) start << 32) | end;
  }

  private static boolean isTopLevelDomain(String text, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    if (text.regionMatches(true, start, "xn--", 0, 4) && end - start > 4) {
      return true;
    }
    for (int k = start; k < end; k++) {
      if (!isAsciiLetter(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  // --- card numbers -------------------------------------------------------------------------

  private static int matchCard(String text, int i, int runEnd, int n, int guard) {
    char first = text.charAt(i);
    if (first < '2' || first > '6') {
      return -1;
    }
    // A fraction's digits: "3.14159...", and after a replaced region whose last digit is gone.
    if (wordBefore(text, i, guard)
        || (i > 1 && text.charAt(i - 1) == '.'
            && (i - 1 == guard || isDigit(text.charAt(i - 2))))) {
      return -1;
    }
    int length = runEnd - i;
    if (length >= 13) {
      return length <= 19 && numberEndsAt(text, runEnd, n) && luhn(text, i, runEnd) ? runEnd : -1;
    }
    if (length != 4 || runEnd + 1 >= n) {
      return -1;
    }
    char separator = text.charAt(runEnd);
    if (separator != ' ' && separator != '-') {
      return -1;
    }
    int pos = runEnd;
    int digits = 4;
    int best = -1;
    while (pos + 1 < n && text.charAt(pos) == separator && isDigit(text.charAt(pos + 1))) {
      int groupEnd = digitRunEnd(text, pos + 1, n);
      int group = groupEnd - pos - 1;
      if (group < 3 || group > 6 || digits + group > 19) {
        break;
      }
      digits += group;
      pos = groupEnd;
      // The longest grouping that is a valid number wins: "4111 1111 1111 1111 123" may be 19.
      if (digits >= 13 && numberEndsAt(text, pos, n) && luhn(text, i, pos)) {
        best = pos;
      }
    }
    return best;
  }

  private static boolean numberEndsAt(String text, int pos, int n) {
    if (pos >= n) {
      return true;
    }
    char after = text.charAt(pos);
    return !isLetterOrDigit(after)
        && !(after == '.' && pos + 1 < n && isDigit(text.charAt(pos + 1)));
  }

  private static boolean luhn(String text, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int k = end - 1; k >= start; k--) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  // --- IBAN ---------------------------------------------------------------------------------

  private static int matchIban(String text, int i, int n, int guard) {
    if (i + 15 > n || !isUpper(text.charAt(i + 1)) || !isDigit(text.charAt(i + 2))
        || !isDigit(text.charAt(i + 3))) {
      return -1;
    }
    if (wordBefore(text, i, guard)) {
      return -1;
    }
    int check = (text.charAt(i + 2) - '0') * 10 + (text.charAt(i + 3) - '0');
    if (check < 2 || check > 98) {
      return -1;
    }
    int required = IBAN_LENGTH[(text.charAt(i) - 'A') * 26 + text.charAt(i + 1) - 'A'];
    boolean spaced = text.charAt(i + 4) == ' ';
    if (spaced && required == 0) {
      return -1;
    }
    int limit = required > 0 ? required : 35;
    int pos = i + 4;
    int chars = 4;
    while (chars < limit) {
      if (spaced && chars % 4 == 0) {
        if (pos + 1 >= n || text.charAt(pos) != ' ') {
          break;
        }
        pos++;
      }
      if (pos >= n || !isUpperOrDigit(text.charAt(pos))) {
        break;
      }
      pos++;
      chars++;
    }
    if (required > 0 ? chars != required : chars < 15 || chars > 34) {
      return -1;
    }
    if (pos < n && isLetterOrDigit(text.charAt(pos))) {
      return -1;
    }
    return mod97(text, i, pos) == 1 ? pos : -1;
  }

  private static int mod97(String text, int start, int end) {
    int remainder = 0;
    for (int k = start + 4; k < end; k++) {
      remainder = mod97Step(remainder, text.charAt(k));
    }
    for (int k = start; k < start + 4; k++) {
      remainder = mod97Step(remainder, text.charAt(k));
    }
    return remainder;
  }

  private static int mod97Step(int remainder, char c) {
    if (isDigit(c)) {
      return (remainder * 10 + (c - '0')) % 97;
    }
    if (isUpper(c)) {
      return (remainder * 100 + (c - 'A' + 10)) % 97;
    }
    return remainder; // the spaces of the print form
  }

  // --- markers and characters ---------------------------------------------------------------

  private static int markerEnd(String text, int i) {
    if (!text.startsWith(MARKER_PREFIX, i)) {
      return -1;
    }
    int n = text.length();
    int pos = i + MARKER_PREFIX.length();
    int limit = Math.min(n, pos + 48);
    while (pos < limit) {
      char c = text.charAt(pos);
      if (c == ']') {
        return pos > i + MARKER_PREFIX.length() ? pos + 1 : -1;
      }
      if (!(isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  /**
   * Whether a word character precedes {@code start}. Right after a replaced or protected region
   * counts as one: the region ended in a letter or digit before it was replaced ({@code ]} after),
   * and the answer must not change when the output is scanned again.
   */
  private static boolean wordBefore(String text, int start, int guard) {
    return start > 0 && (start == guard || isWordChar(text.charAt(start - 1)));
  }

  /**
   * Whether a word character follows {@code end}. A marker counts as one: it replaced a card number
   * or IBAN whose first character the scan may have taken for part of this candidate.
   */
  private static boolean wordAfter(String text, int end, int n) {
    if (end >= n) {
      return false;
    }
    char c = text.charAt(end);
    return isWordChar(c) || (c == '[' && text.startsWith(MARKER_PREFIX, end));
  }

  /** Small and apart, so that the JIT compiles the common case, a clean line, to a tight loop. */
  private static int nextTrigger(String text, int i, int n) {
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        continue;
      }
      byte trigger = TRIGGER[c];
      // Digits and capitals only matter where a token starts: skips hex ids, words, digit runs.
      if (trigger == NONE || (trigger <= UPPER && i > 0 && isWordChar(text.charAt(i - 1)))) {
        continue;
      }
      return i;
    }
    return n;
  }

  private static int digitRunEnd(String text, int i, int n) {
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isUpperOrDigit(char c) {
    return isUpper(c) || isDigit(c);
  }

  private static boolean isLetterOrDigit(char c) {
    return c < 128 ? (c >= 'a' && c <= 'z') || isUpper(c) || isDigit(c)
        : Character.isLetterOrDigit(c);
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? WORD[c] : Character.isLetterOrDigit(c);
  }

  private static boolean isHexOrColon(char c) {
    return c == ':' || IpAddressText.hexValue(c) >= 0;
  }

  private static boolean isLocalChar(char c) {
    return (c >= 'a' && c <= 'z') || isUpper(c) || isDigit(c) || c == '.' || c == '_' || c == '%'
        || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return (c >= 'a' && c <= 'z') || isUpper(c) || isDigit(c) || c == '.' || c == '-';
  }
}
