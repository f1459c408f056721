package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTemplateTest {

  private static final TextTemplate SSHD =
      TextTemplate.compile("Failed {method} for {user*} from {source_address} port {source_port:int}");

  @Test
  void capturesUpToTheNextLiteralAndIgnoresTrailingText() {
    assertThat(SSHD.match("Failed password for root from 192.0.2.4 port 2222 ssh2"))
        .containsExactly("password", "root", "192.0.2.4", "2222");
  }

  @Test
  void aStarredCaptureEndsAtTheLastOccurrenceSoACraftedNameCannotMoveTheAddress() {
    assertThat(SSHD.match("Failed password for invalid user x from 10.0.0.1 port 1 from 198.51.100.9 port 22 ssh2"))
        .containsExactly("password", "invalid user x from 10.0.0.1 port 1", "198.51.100.9", "22");
  }

  @Test
  void kindsStopAtTheirCharacterClass() {
    TextTemplate session = TextTemplate.compile("session opened for user {user:word}");
    assertThat(session.match("session opened for user alice(uid=1000) by (uid=0)")).containsExactly("alice");
    assertThat(TextTemplate.compile("x {a:token} y").match("x a=b y")).containsExactly("a=b");
    // A bounded capture must be followed by its literal at once.
    assertThat(TextTemplate.compile("user {u:word} by").match("user alice(uid=1) by")).isNull();
  }

  @Test
  void refusesTextThatDoesNotFit() {
    assertThat(SSHD.match("Failed password for root from 192.0.2.4")).isNull();
    assertThat(SSHD.match("Accepted password for root from 192.0.2.4 port 22")).isNull();
    assertThat(SSHD.match("Failed password for root from 192.0.2.4 port x")).isNull();
  }

  @Test
  void anOpeningCaptureSkipsToTheFirstLiteral() {
    TextTemplate template = TextTemplate.compile("{} TLS Auth Error: {rest}");
    assertThat(template.leadingLiteral()).isNull();
    assertThat(template.longestLiteral()).isEqualTo(" TLS Auth Error: ");
    assertThat(template.match("2026-03-02 04:11:09 192.0.2.5:1194 TLS Auth Error: failed")).containsExactly("failed");
  }

  @Test
  void emptyCapturesAreNull() {
    assertThat(TextTemplate.compile("rhost={a:token} user={b}").match("rhost= user=x")).containsExactly(null, "x");
  }

  @Test
  void escapedBracesAreLiterals() {
    assertThat(TextTemplate.compile("\\{{a}\\}").match("{v}")).containsExactly("v");
  }

  @Test
  void malformedTemplatesAreRefusedWithAReason() {
    assertThatThrownBy(() -> TextTemplate.compile("a {x}{y}")).hasMessageContaining("no literal between");
    assertThatThrownBy(() -> TextTemplate.compile("a {x")).hasMessageContaining("never closed");
    assertThatThrownBy(() -> TextTemplate.compile("a {x:number}")).hasMessageContaining("kinds are token, word and int");
    assertThatThrownBy(() -> TextTemplate.compile("a {x*}")).hasMessageContaining("no literal after it");
    assertThatThrownBy(() -> TextTemplate.compile("{x} and {x}")).hasMessageContaining("twice");
    assertThatThrownBy(() -> TextTemplate.compile("a } b")).hasMessageContaining("closes no capture");
  }

  @Test
  void matchingIsLinearOnAHostileLine() {
    // 200,000 candidate " from "s: a backtracking engine would try them all against every later part;
    // the template looks for the last one once, then fails on "port x".
    String hostile = "Failed password for " + " from".repeat(200_000) + " port x";
    assertThat(SSHD.match(hostile)).isNull();
    assertThat(SSHD.match(hostile.replace(" port x", " 192.0.2.1 port 22"))).containsExactly("password",
        " from".repeat(199_999), "192.0.2.1", "22");
  }
}
