package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyValuesTest {

  @Test
  void readsPamPairsAndTheFirstOccurrenceWins() {
    var pairs = KeyValues.parse(
        "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.4  user=x rhost=10.0.0.1");
    assertThat(pairs).containsEntry("rhost", "192.0.2.4").containsEntry("user", "x").containsEntry("uid", "0")
        .containsEntry("logname", "");
  }

  @Test
  void readsAuditdNestedAndQuotedPairs() {
    var pairs = KeyValues.parse("type=USER_AUTH msg=audit(1772424669.123:42): pid=1 uid=0 msg='op=PAM:authentication"
        + " acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=192.0.2.4 terminal=ssh res=failed'");
    assertThat(pairs).containsEntry("type", "USER_AUTH").containsEntry("op", "PAM:authentication")
        .containsEntry("acct", "root").containsEntry("addr", "192.0.2.4").containsEntry("res", "failed")
        .containsEntry("hostname", "?");
  }
}
