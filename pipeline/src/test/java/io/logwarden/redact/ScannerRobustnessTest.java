package io.logwarden.redact;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Texts cut and spliced from the pieces every detector looks at never make the scanner fail (a
 * failure would withhold the whole text as {@code [REDACTED:unscanned]}), neither at first nor when
 * its output is scanned again. (That a second pass changes nothing more is checked on realistic text
 * by the other tests: on such splices a redaction can join pieces into a new shape.)
 */
class ScannerRobustnessTest {

  private static final List<String> PIECES = List.of(
      "password", "Password", "API Key", "token", "next_page_token", "name", "value", "key", "val", "secret",
      "Authorization", "Cookie", "Bearer ", "Basic ", ":", "=", ": ", " = ", "\"", "'", "\\\"", "\\\\\\\"", "\\", "{", "}", "[", "]",
      "(", ")", "<", ">", "</", "/>", "<password>", "</password>", "<![CDATA[", "]]>", "<input type=\"password\" value=\"",
      "<add key=\"ClientSecret\" value=\"", "- name: DB_PASSWORD\n  value: ", "\n", "\\n", "\t", " ", ",", ";", "&", "?", "@",
      "://", "postgres://u:p@h", "@tcp(", "jdbc:oracle:thin:", "sqlplus ", "a/b@", "%2F", "%3D", "%", "%2", "\\u0022",
      "\\u003d", "\\u00", "\\/", "cGFzc3dvcmQ9aHVudGVyMg==", "dXNlcjpwYXNzd29yZA", "==", "AK" + "IA", "AK" + "IAABCDEFGHIJKLMNOP",
      "A" + "3-", "S" + "K", "fo" + "1_", "fm" + "2_", "sc" + "_", "authress" + "_", ".acc_", "ey" + "J", "gh" + "p_", "-----BEGIN ",
      "PRIVATE KEY-----", "-----END ", "xyzABC123+/", "0123456789abcdef", "none", "YES", "arn:aws:x:secret:", "Pwd={", "}}",
      "hunter2", "correct horse", "--password=", " -h ", "é", "\u2028", "\0");

  private final SecretScanner scanner = new SecretScanner();

  @Test
  void splicedPiecesNeverMakeTheScannerFail() {
    Random random = new Random(4242);
    for (int i = 0; i < 30_000; i++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + random.nextInt(24);
      for (int p = 0; p < pieces; p++) {
        String piece = PIECES.get(random.nextInt(PIECES.size()));
        if (random.nextInt(4) == 0) {
          int a = random.nextInt(piece.length() + 1);
          piece = random.nextBoolean() ? piece.substring(0, a) : piece.substring(a);
        }
        sb.append(piece);
      }
      String text = sb.toString();
      RedactionCounts counts = new RedactionCounts();
      String once = scanner.redact(text, counts);
      scanner.redact(once, counts);
      if (counts.asMap().containsKey(SecretScanner.UNSCANNED)) {
        throw new AssertionError("the scanner failed on: " + text);
      }
    }
  }
}
