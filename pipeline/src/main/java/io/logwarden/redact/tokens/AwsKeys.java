package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64;
import static io.logwarden.redact.tokens.CharClasses.UPNUM;
import static io.logwarden.redact.tokens.CharClasses.boundaryAfter;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.looksRandom;
import static io.logwarden.redact.tokens.CharClasses.mixedClasses;
import static io.logwarden.redact.tokens.CharClasses.run;

import java.util.List;

/**
 * AWS: access key ids ({@code AKIA} long-term, {@code ASIA} temporary, {@code ABIA}, {@code ACCA}, and
 * 16 upper-case letters or digits, a word of its own, per the IAM user guide's "Unique identifiers"),
 * and the 40-character secret access key, which has no prefix: it is found beside an access key id
 * ({@link #secretAround}) or after the words "aws" or "secret" ({@link #secretNear}).
 */
public final class AwsKeys {

  public static final String ACCESS_KEY_ID = "aws-access-key-id";
  public static final String SECRET_ACCESS_KEY = "aws-secret-access-key";

  public static final TokenFamily FAMILY = new TokenFamily("AWS", List.of(
      TokenShape.of("AKIA", ACCESS_KEY_ID, AwsKeys::keyId).with(AwsKeys::secretAround),
      TokenShape.of("ASIA", ACCESS_KEY_ID, AwsKeys::keyId).with(AwsKeys::secretAround),
      TokenShape.of("ABIA", ACCESS_KEY_ID, AwsKeys::keyId),
      TokenShape.of("ACCA", ACCESS_KEY_ID, AwsKeys::keyId)),
      List.of(SECRET_ACCESS_KEY));

  private AwsKeys() {}

  private static int keyId(String t, int i) {
    if (i + 20 > t.length() || !boundaryBefore(t, i)) {
      return -1;
    }
    int e = run(t, i + 4, i + 20, UPNUM);
    return e == i + 20 && boundaryAfter(t, e) ? e : -1;
  }

  /**
   * With an access key id at {@code [s, e)}: any 40-character key-shaped token
   * ({@code [A-Za-z0-9/+]{40}}, a word of its own, of mixed classes) within 200 characters either
   * side is its secret access key, whatever it is named.
   */
  private static void secretAround(String t, int s, int e, TokenShape.Sink sink) {
    int n = t.length();
    int to = Math.min(n, e + 200);
    int j = Math.max(0, s - 200);
    while (j < to) {
      if (!is(t.charAt(j), B64)) {
        j++;
        continue;
      }
      int end = run(t, j, n, B64);
      if (end - j == 40 && (j == 0 || !is(t.charAt(j - 1), B64)) && (end == n || t.charAt(end) != '=')
          && !percentEscapedBase64At(t, end) && !(j >= 3 && percentEscapedBase64At(t, j - 3)) && mixedClasses(t, j, end)) {
        sink.add(j, end, SECRET_ACCESS_KEY);
      }
      j = end;
    }
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

  /**
   * After a context word at {@code i} ("aws" or "secret", any case, anywhere, e.g. inside
   * {@code aws_secret_access_key}): the first random-looking 40-character base64 word within 120
   * characters, as {@code start << 32 | end}; -1 when there is none or no context word at {@code i}.
   */
  public static long secretNear(String t, int i) {
    int n = t.length();
    int after;
    if (i + 3 <= n && (t.charAt(i + 2) | 0x20) == 's' && t.regionMatches(true, i, "aws", 0, 3)) {
      after = i + 3;
    } else if (i + 6 <= n && (t.charAt(i + 2) | 0x20) == 'c' && t.regionMatches(true, i, "secret", 0, 6)) {
      after = i + 6;
    } else {
      return -1;
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
        return (long) j << 32 | e;
      }
      j = e;
    }
    return -1;
  }
}
