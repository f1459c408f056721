package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaksTest {

  private static final String SECRET = "Zq3kP0m9n8b7v6c5x4z3a2s1d0f9";

  @Test
  void aTwelveCharacterSurvivorIsALeak() {
    String survivor = SECRET.substring(10, 22);
    assertThat(leaks(SECRET, "token=[REDACTED:secret-value]" + survivor)).isTrue();
    assertThat(Leaks.survivor(Leaks.pieces(SECRET), "x " + survivor + " y")).contains(survivor);
  }

  @Test
  void elevenCharactersAreNot() {
    assertThat(leaks(SECRET, "token=[REDACTED:secret-value]" + SECRET.substring(10, 21))).isFalse();
  }

  @Test
  void aRedactedTextDoesNotLeak() {
    assertThat(leaks(SECRET, "Authorization: Bearer [REDACTED:authorization] from 203.0.113.9")).isFalse();
    assertThat(leaks(SECRET, "")).isFalse();
    assertThat(leaks(SECRET, null)).isFalse();
  }

  @Test
  void aShortSecretLeaksOnlyWhole() {
    assertThat(Leaks.pieces("su4Kd9")).containsExactly("su4Kd9");
    assertThat(leaks("su4Kd9", "id su4Kd9 seen")).isTrue();
    assertThat(leaks("su4Kd9", "id su4Kd seen")).isFalse();
  }

  @Test
  void piecesAreEveryRunOfTwelve() {
    assertThat(Leaks.pieces("abcdefghijklmn")).containsExactly("abcdefghijkl", "bcdefghijklm", "cdefghijklmn");
  }

  private static boolean leaks(String secret, String text) {
    return !Leaks.noPieceSurvives(text, secret);
  }
}
