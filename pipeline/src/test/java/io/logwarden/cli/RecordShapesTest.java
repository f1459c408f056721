package io.logwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordShapesTest {

  @Test
  void masksTheVariablesOfARedactedMessage() {
    assertThat(RecordShapes.mask("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=pii:demo:ABCDEFGHIJKLMNOP"))
        .isEqualTo("authentication failure; logname=<val> uid=<val> euid=<val> tty=<val> ruser=<val> rhost=<val>");
    assertThat(RecordShapes.mask("Failed password for pii:demo:ABCDEFGHIJKLMNOP from 192.0.2.4 port 52214 ssh2"))
        .isEqualTo("Failed password for <pii> from <ip> port <num> ssh2");
    assertThat(RecordShapes.mask("request 0f8c2a1e-3b4d-4c5e-9f60-7a8b9c0d1e2f for \"some body\" by x@example.org at 2001:db8::1"))
        .isEqualTo("request <uuid> for <str> by <email> at <ip>");
    assertThat(RecordShapes.mask("job 9f8e7d6c5b4a3f2e took 3.5 s, accepted by deadbeef"))
        .isEqualTo("job <hex> took <num> s, accepted by deadbeef");
    assertThat(RecordShapes.mask("Authorization: Bearer [REDACTED:authorization] at 08:14:10"))
        .isEqualTo("Authorization: Bearer [REDACTED:authorization] at <num>:<num>:<num>");
  }

  @Test
  void aValueEndsAtAClosingBracketAndAQuotedValueIsOneValue() {
    assertThat(RecordShapes.mask("session opened for user alice by (uid=0)"))
        .isEqualTo("session opened for user alice by (uid=<val>)");
    assertThat(RecordShapes.mask("user=\"a b\" [id=7] x=1"))
        .isEqualTo("user=<val> [id=<val>] x=<val>");
  }

  @Test
  void typeLikeKeysAreThoseThatTellRecordsApart() {
    assertThat(RecordShapes.typeLike("eventType")).isTrue();
    assertThat(RecordShapes.typeLike("event_type")).isTrue();
    assertThat(RecordShapes.typeLike("action")).isTrue();
    assertThat(RecordShapes.typeLike("EventID")).isTrue();
    assertThat(RecordShapes.typeLike("user")).isFalse();
    assertThat(RecordShapes.typeLike("message")).isFalse();
  }
}
