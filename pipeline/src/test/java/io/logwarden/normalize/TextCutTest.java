package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting a text to its bound never leaves the head of a token, which redaction would no longer recognise. */
class TextCutTest {

  private static final String TOKEN = "gh" + "p_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

  @Test
  void aTextThatFitsIsKept() {
    assertThat(TextCut.head("short text", 10)).isEqualTo("short text");
  }

  @Test
  void aCutInsideAWordDropsTheWordsHead() {
    String text = "calling with " + TOKEN + " done";
    for (int max = 14; max < 13 + TOKEN.length(); max++) {
      assertThat(TextCut.head(text, max)).as("cut at %d", max).isEqualTo("calling with ");
    }
    assertThat(TextCut.head(text, 13 + TOKEN.length())).isEqualTo("calling with " + TOKEN);
    assertThat(TextCut.head("password=Abc123secret!", 15)).isEmpty();
    assertThat(TextCut.head("{\"token\":\"" + TOKEN + "\"}", 20)).isEqualTo("{\"token\":\"");
  }

  @Test
  void aCutInsideAPemBlockDropsTheBlock() {
    String block = "-----" + "BEGIN RSA PRIVATE KEY-----\n" + "QUJD".repeat(16) + "\n" + "REVG".repeat(16)
        + "\n-----END RSA PRIVATE KEY-----";
    String text = "key follows\n" + block + "\nafter";
    assertThat(TextCut.head(text, 12 + 40 + 65)).isEqualTo("key follows\n");
    assertThat(TextCut.head(text, text.length() - 3)).isEqualTo("key follows\n" + block + "\n");
  }

  @Test
  void oneHugeWordLeavesNothing() {
    assertThat(TextCut.head("Z".repeat(100), 10)).isEmpty();
  }
}
