package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeakRuleTest {

  private static final String SECRET = "Zq3kP0m9n8b7v6c5x4z3a2s1d0f9";

  @Test
  void aTwelveCharacterSurvivorIsALeak() {
    String survivor = SECRET.substring(10, 22);
    assertThat(LeakRule.leaks(SECRET, "token=[REDACTED:secret-value]" + survivor)).isTrue();
    assertThat(LeakRule.survivor(LeakRule.pieces(SECRET), "x " + survivor + " y")).contains(survivor);
  }

  @Test
  void elevenCharactersAreNot() {
    assertThat(LeakRule.leaks(SECRET, "token=[REDACTED:secret-value]" + SECRET.substring(10, 21))).isFalse();
  }

  @Test
  void aRedactedTextDoesNotLeak() {
    assertThat(LeakRule.leaks(SECRET, "Authorization: Bearer [REDACTED:authorization] from 203.0.113.9")).isFalse();
    assertThat(LeakRule.leaks(SECRET, "")).isFalse();
    assertThat(LeakRule.leaks(SECRET, null)).isFalse();
  }

  @Test
  void aShortSecretLeaksOnlyWhole() {
    assertThat(LeakRule.pieces("su4Kd9")).containsExactly("su4Kd9");
    assertThat(LeakRule.leaks("su4Kd9", "id su4Kd9 seen")).isTrue();
    assertThat(LeakRule.leaks("su4Kd9", "id su4Kd seen")).isFalse();
  }

  @Test
  void piecesAreEveryRunOfTwelve() {
    assertThat(LeakRule.pieces("abcdefghijklmn")).containsExactly("abcdefghijkl", "bcdefghijklm", "cdefghijklmn");
  }
}
