package io.logwarden.normalize;

/**
 * Cuts a text to a bound without leaving the head of a secret behind. Redaction runs on the event
 * after the cut, and a token cut in two no longer has the shape its detector looks for: so a cut that
 * falls inside a word drops that word's head, and a cut inside a PEM block drops the whole block.
 */
final class TextCut {

  private static final String BREAKS = "\"',;&<>()[]{}|`";

  private TextCut() {}

  /** The text when it fits, else at most {@code max} characters of its start, ending at a word boundary. */
  static String head(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (!isBreak(text.charAt(end - 1)) && !isBreak(text.charAt(end))) {
      while (end > 0 && !isBreak(text.charAt(end - 1))) {
        end--;
      }
    }
    String head = text.substring(0, end);
    int begin = head.lastIndexOf("-----BEGIN");
    if (begin >= 0 && head.indexOf("-----END", begin) < 0) {
      head = head.substring(0, begin);
    }
    return head;
  }

  private static boolean isBreak(char c) {
    return Character.isWhitespace(c) || BREAKS.indexOf(c) >= 0;
  }
}
