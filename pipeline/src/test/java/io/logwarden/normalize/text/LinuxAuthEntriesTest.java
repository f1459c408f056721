package io.logwarden.normalize.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.catalogue.CatalogueClassifier;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped catalogue's sshd, PAM and sudo entries on the messages the hand-written classifiers they
 * replace were tested with: the same cases, now through the catalogue.
 */
class LinuxAuthEntriesTest {

  private static final ParseContext CONTEXT =
      new ParseContext("logs.raw.auth", java.time.Instant.parse("2026-12-07T12:00:00Z"), java.time.ZoneOffset.UTC);

  private static boolean classify(ParsedEvent event) {
    return CatalogueClassifier.shipped().classify(event, event.message, CONTEXT)
        && !"generic:text_sign_in_failure".equals(event.attributes().get("classification.entry"))
        && event.category != null;
  }


  private static ParsedEvent classified(String process, String message) {
    ParsedEvent event = new ParsedEvent();
    event.process = process;
    event.message = message;
    event.host = "LabSZ";
    classify(event);
    return event;
  }

  private static void assertSignIn(ParsedEvent event, Outcome outcome, String user, String address, Integer port) {
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.outcome).isEqualTo(outcome);
    assertThat(event.user).isEqualTo(user);
    assertThat(event.sourceAddress).isEqualTo(address);
    assertThat(event.sourcePort).isEqualTo(port);
    assertThat(event.host).isEqualTo("LabSZ");
  }

  @Test
  void pamFailureWithUserAndIp() {
    ParsedEvent event = classified("sshd", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.77  user=admin");

    assertSignIn(event, Outcome.FAILURE, "admin", "192.0.2.77", null);
    assertThat(event.attributes()).containsEntry("pam.service", "sshd");
  }

  @Test
  void pamFailureWithoutUserAndWithHostName() {
    ParsedEvent event = classified("sshd", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=ec2-52-80-34-196.cn-north-1.compute.amazonaws.com.cn ");

    assertSignIn(event, Outcome.FAILURE, null, "ec2-52-80-34-196.cn-north-1.compute.amazonaws.com.cn", null);
  }

  @Test
  void pamUserNameCannotForgeTheRemoteHost() {
    ParsedEvent event = classified("sshd", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.77  user=x rhost=10.0.0.1");

    assertSignIn(event, Outcome.FAILURE, "x", "192.0.2.77", null);
  }

  @Test
  void pamFailureWithoutRemoteHost() {
    ParsedEvent event = classified("sudo", "pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice");

    assertSignIn(event, Outcome.FAILURE, "alice", null, null);
    assertThat(event.attributes()).containsEntry("pam.service", "sudo");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Failed password for root from 5.36.59.76 port 42393 ssh2                 | root    | 5.36.59.76   | 42393 | password",
      "Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2 | webmaster | 173.234.31.186 | 38926 | password",
      "Failed none for invalid user 0 from 202.100.179.208 port 52722 ssh2     | 0       | 202.100.179.208 | 52722 | none",
      "Failed publickey for git from 2001:db8::7 port 40022 ssh2: RSA SHA256:abc | git     | 2001:db8::7  | 40022 | publickey",
      "Failed keyboard-interactive/pam for invalid user a b from 192.0.2.9 port 22 ssh2 | a b | 192.0.2.9 | 22 | keyboard-interactive/pam",
  })
  void sshdFailures(String message, String user, String address, int port, String method) {
    ParsedEvent event = classified("sshd", message.strip());

    assertSignIn(event, Outcome.FAILURE, user.strip(), address.strip(), port);
    assertThat(event.attributes()).containsEntry("ssh.auth_method", method.strip());
  }

  @Test
  void invalidUserIsMarked() {
    ParsedEvent event = classified("sshd", "Failed password for invalid user admin from 192.0.2.77 port 52114 ssh2");

    assertThat(event.attributes()).containsEntry("classification.entry", "openssh.failed_invalid_user");
    assertThat(event.user).isEqualTo("admin");
  }

  @Test
  void userNameCannotForgeTheSourceAddress() {
    // The attacker picks the user name; the address sshd appends comes last.
    ParsedEvent event = classified("sshd",
        "Failed password for invalid user x from 10.0.0.1 port 1 from 192.0.2.66 port 4444 ssh2");

    assertSignIn(event, Outcome.FAILURE, "x from 10.0.0.1 port 1", "192.0.2.66", 4444);
  }

  @Test
  void emptyInvalidUserName() {
    ParsedEvent event = classified("sshd", "Failed none for invalid user  from 192.0.2.9 port 22 ssh2");

    assertSignIn(event, Outcome.FAILURE, null, "192.0.2.9", 22);
  }

  // A program the catalogue does not know: the generic text rule, which needs a user or an address.
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Authentication failed from 192.0.2.44         | 192.0.2.44",
      "authentication failed from 192.0.2.44 port 2222 | 192.0.2.44",
  })
  void genericRuleOnAnUnknownProgram(String message, String address) {
    ParsedEvent event = new ParsedEvent();
    event.process = "legacyd";
    event.message = message.strip();
    assertThat(CatalogueClassifier.shipped().classify(event, event.message, CONTEXT)).isTrue();
    assertThat(event.attributes()).containsEntry("classification.entry", "generic:text_sign_in_failure");
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.sourceAddress).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authentication failed.", "authentication failed"})
  void genericRuleNeedsAUserOrAnAddress(String message) {
    ParsedEvent event = new ParsedEvent();
    event.process = "legacyd";
    event.message = message;
    assertThat(CatalogueClassifier.shipped().classify(event, message, CONTEXT)).isFalse();
    assertThat(event.category).isNull();
  }

  @Test
  void acceptedPasswordIsASuccess() {
    ParsedEvent event = classified("sshd", "Accepted password for fztu from 119.137.62.142 port 49116 ssh2");

    assertSignIn(event, Outcome.SUCCESS, "fztu", "119.137.62.142", 49116);
  }

  @Test
  void sessionOpenedBySshdIsASuccess() {
    ParsedEvent event = classified("sshd", "pam_unix(sshd:session): session opened for user fztu by (uid=0)");
    assertSignIn(event, Outcome.SUCCESS, "fztu", null, null);

    ParsedEvent newer = classified("sshd-session", "pam_unix(sshd:session): session opened for user fztu(uid=1000) by fztu(uid=0)");
    assertSignIn(newer, Outcome.SUCCESS, "fztu", null, null);
  }

  @Test
  void sessionOpenedByAnotherProcessIsNot() {
    assertUnclassified("su", "pam_unix(su:session): session opened for user root by alice(uid=1000)");
    assertUnclassified("CRON", "pam_unix(cron:session): session opened for user root by (uid=0)");
  }

  @Test
  void sshdFormsFromAnotherProcessAreNot() {
    // Another program's "Failed password" is at most the generic rule's, never sshd's entry.
    ParsedEvent failed = classified("myapp", "Failed password for root from 192.0.2.1 port 22 ssh2");
    assertThat(failed.attributes()).containsEntry("classification.entry", "generic:text_sign_in_failure");
    assertUnclassified("myapp", "Accepted password for root from 192.0.2.1 port 22 ssh2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Invalid user webmaster from 173.234.31.186",
      "input_userauth_request: invalid user webmaster [preauth]",
      "PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=183.62.140.253  user=root",
      "PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=112.95.230.3  user=root",
      "pam_unix(sshd:auth): check pass; user unknown",
      "Received disconnect from 173.234.31.186: 11: Bye Bye [preauth]",
      "error: Received disconnect from 103.99.0.122: 14: No more user authentication methods available. [preauth]",
      "Connection closed by 173.234.31.186 [preauth]",
      "reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!",
      "PAM service(sshd) ignoring max retries; 6 > 3",
      "Did not receive identification string from 5.188.10.180",
      "Failed password for root from 192.0.2.1",
      "Failed password for root from 192.0.2.1 port x ssh2",
      "Accepted password for root",
      "Authentication failed for the service",
      "pam_unix(sshd:session): session closed for user fztu",
      "",
  })
  void notSignIns(String message) {
    assertUnclassified("sshd", message);
  }

  @Test
  void nullMessage() {
    assertUnclassified("sshd", null);
  }

  @Test
  void sudoCommandIsAnAdminAction() {
    ParsedEvent event = new ParsedEvent();
    event.process = "sudo";
    event.message = "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /etc/shadow";

    assertThat(classify(event)).isTrue();
    assertThat(event.category).isEqualTo(Category.SECURITY);
    assertThat(event.action).isEqualTo("admin_action");
    assertThat(event.outcome).isEqualTo(Outcome.SUCCESS);
    assertThat(event.user).isEqualTo("alice");
    assertThat(event.targetKind).isEqualTo("command");
    assertThat(event.targetName).isEqualTo("/bin/cat /etc/shadow");
    assertThat(event.attributes()).containsEntry("sudo.run_as", "root").containsEntry("classification.entry", "sudo.command");
  }

  @Test
  void refusedSudoCommandIsAFailedAdminAction() {
    ParsedEvent event = new ParsedEvent();
    event.process = "sudo";
    event.message = "mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh -c 'id ; id'";

    assertThat(classify(event)).isTrue();
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.user).isEqualTo("mallory");
    assertThat(event.targetName).isEqualTo("/bin/sh -c 'id ; id'");
    assertThat(event.attributes()).containsEntry("sudo.reason", "user NOT in sudoers");
  }

  @Test
  void sudoShapeFromAnotherProcessOrWithoutCommandIsNot() {
    ParsedEvent other = new ParsedEvent();
    other.process = "myapp";
    other.message = "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls";
    ParsedEvent session = new ParsedEvent();
    session.process = "sudo";
    session.message = "pam_unix(sudo:session): session opened for user root by alice(uid=0)";

    assertThat(classify(other)).isFalse();
    assertThat(classify(session)).isFalse();
    assertThat(session.category).isNull();
  }

  private static void assertUnclassified(String process, String message) {
    ParsedEvent event = new ParsedEvent();
    event.process = process;
    event.message = message;

    assertThat(classify(event)).isFalse();
    assertThat(event.category).isNull();
    assertThat(event.action).isNull();
    assertThat(event.outcome).isNull();
    assertThat(event.user).isNull();
    assertThat(event.sourceAddress).isNull();
    // At most a notice entry claims it: one that knows the line and says it is no event.
    String entry = event.attributes().get("classification.entry");
    assertThat(entry == null || CatalogueClassifier.shipped().catalogue().entry(entry).classification() == null)
        .as("claimed by %s", entry).isTrue();
    assertThat(event.attributes().keySet()).isSubsetOf("classification.entry");
  }
}
