package io.logwarden.benchmarks.corpus;

import io.logwarden.benchmarks.corpus.SecurityEvent.Kind;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The security records: sign-ins and administrative or configuration actions in the shapes of the
 * sources the normalizer's catalogue and parsers recognise (sshd in RFC 3164 and RFC 5424 syslog,
 * Filebeat's ECS documents of the system module, CloudTrail, the Okta System Log; sudo for commands
 * run as root). Each writes exactly one event whose user, address and outcome are the {@link
 * SecurityEvent}'s.
 */
final class SecurityShapes {

  /** One security record: its value, the format it is in, and what it says. */
  record Written(String value, String format, SecurityEvent event) {}

  private static final List<String> CONSOLE_FAILURES = List.of("Failed authentication");
  private static final List<String[]> IAM_CALLS = List.of(
      new String[] {"CreateAccessKey", "{\"userName\":\"%s\"}"},
      new String[] {"AttachUserPolicy",
          "{\"userName\":\"%s\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}"},
      new String[] {"CreateUser", "{\"userName\":\"svc-%s\"}"},
      new String[] {"PutRolePolicy", "{\"roleName\":\"ci-deployer\",\"policyName\":\"inline-%s\"}"});
  private static final List<String[]> CONFIG_CALLS = List.of(
      new String[] {"s3.amazonaws.com", "PutBucketPolicy", "{\"bucketName\":\"shop-exports\"}"},
      new String[] {"ec2.amazonaws.com", "ModifyInstanceAttribute", "{\"instanceId\":\"i-0a1b2c3d4e5f\"}"},
      new String[] {"lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
          "{\"functionName\":\"resize-images\"}"},
      new String[] {"cloudtrail.amazonaws.com", "UpdateTrail", "{\"trailName\":\"management-events\"}"});
  private static final List<String> OKTA_CHANGES = List.of("policy.lifecycle.update", "policy.rule.update",
      "zone.update", "application.lifecycle.update");
  private static final List<String> SUDO_COMMANDS = List.of("/usr/bin/systemctl restart nginx",
      "/usr/bin/apt-get upgrade -y",
      "/bin/cat /var/log/auth.log", "/usr/bin/docker ps", "/usr/sbin/iptables -L -n",
          "/usr/bin/journalctl -u postgresql");

  private SecurityShapes() {}

  /**
   * A sign-in record ({@code failed}: a failed one) of {@code user} from {@code address}: sshd in RFC
   * 3164 (35%) and RFC 5424 (15%) syslog, ECS (20%), CloudTrail console sign-ins (15%), Okta (15%).
   */
  static Written signIn(SplittableRandom r, Instant time, boolean failed, String user, String address) {
    SecurityEvent event = new SecurityEvent(failed ? Kind.FAILED_SIGN_IN : Kind.SIGN_IN, "sign_in", user, address,
        failed ? Outcome.FAILURE : Outcome.SUCCESS);
    int draw = r.nextInt(100);
    if (draw < 35) {
      return new Written(sshdBsd(r, time, sshd(r, failed, user, address)), "syslog-rfc3164", event);
    }
    if (draw < 50) {
      String line = TextShapes.pri(TextShapes.AUTH, 6) + "1 " + TimeLayouts.isoMicros(time) + " "
          + Randoms.pick(r, Vocabulary.BASTIONS) + " sshd " + r.nextInt(300, 60_000) + " - - "
          + sshd(r, failed, user, address);
      return new Written(line, "syslog-rfc5424", event);
    }
    if (draw < 70) {
      return new Written(ecs(r, time, failed, user, address), "json-ecs", event);
    }
    if (draw < 85) {
      String record = JsonShapes.cloudTrailRecord(r, time, user, address, "signin.amazonaws.com", "ConsoleLogin",
          "null", false, failed ? "Failure" : "Success", failed ? Randoms.pick(r, CONSOLE_FAILURES) : null);
      return new Written(JsonShapes.cloudTrailFile(record), "cloudtrail", event);
    }
    String okta = okta(r, time, failed ? "FAILURE" : "SUCCESS", "user.session.start", "User login to Okta",
        failed ? "INVALID_CREDENTIALS" : null, user, address);
    return new Written(okta, "json", event);
  }

  /**
   * An administrative or configuration action of {@code user}: sudo (40%, no address: sudo logs none),
   * IAM writes in CloudTrail (25%, {@code admin_action}), other CloudTrail writes (15%, {@code
   * config_change}), Okta policy and setting changes (20%, {@code config_change}).
   */
  static Written admin(SplittableRandom r, Instant time, String user, String address) {
    int draw = r.nextInt(100);
    if (draw < 40) {
      String line = TextShapes.pri(TextShapes.AUTHPRIV, 5) + TimeLayouts.bsdSyslog(time) + " "
          + Randoms.pick(r, Vocabulary.SERVERS) + " sudo:   " + user + " : TTY=pts/" + r.nextInt(0, 8)
          + " ; PWD=/home/" + user + " ; USER=root ; COMMAND=" + Randoms.pick(r, SUDO_COMMANDS);
      return new Written(line, "syslog-rfc3164", new SecurityEvent(Kind.ADMIN, "admin_action", user, null,
          Outcome.SUCCESS));
    }
    if (draw < 65) {
      String[] call = Randoms.pick(r, IAM_CALLS);
      String parameters = String.format(call[1], Randoms.alnum(r, 6).toLowerCase(Locale.ROOT));
      String record = JsonShapes.cloudTrailRecord(r, time, user, address, "iam.amazonaws.com", call[0], parameters,
          false, null, null);
      return new Written(JsonShapes.cloudTrailFile(record), "cloudtrail",
          new SecurityEvent(Kind.ADMIN, "admin_action", user, address, Outcome.SUCCESS));
    }
    if (draw < 80) {
      String[] call = Randoms.pick(r, CONFIG_CALLS);
      String record = JsonShapes.cloudTrailRecord(r, time, user, address, call[0], call[1], call[2], false, null,
          null);
      return new Written(JsonShapes.cloudTrailFile(record), "cloudtrail",
          new SecurityEvent(Kind.ADMIN, "config_change", user, address, Outcome.SUCCESS));
    }
    String okta = okta(r, time, "SUCCESS", Randoms.pick(r, OKTA_CHANGES), "Update policy", null, user, address);
    return new Written(okta, "json", new SecurityEvent(Kind.ADMIN, "config_change", user, address, Outcome.SUCCESS));
  }

  // sshd's auth_log() line: "Failed|Accepted METHOD for [invalid user ]USER from ADDR port PORT ssh2[: KEY]".
  private static String sshd(SplittableRandom r, boolean failed, String user, String address) {
    int port = r.nextInt(1_024, 65_536);
    if (failed) {
      return "Failed password for " + (r.nextInt(4) == 0 ? "invalid user " : "") + user + " from " + address
          + " port " + port + " ssh2";
    }
    if (r.nextBoolean()) {
      return "Accepted password for " + user + " from " + address + " port " + port + " ssh2";
    }
    return "Accepted publickey for " + user + " from " + address + " port " + port + " ssh2: ED25519 SHA256:"
        + Randoms.of(r, Randoms.ALNUM + "+/", 43);
  }

  // OpenSSH 9.8 and later log the sign-in from sshd-session; older ones from sshd.
  private static String sshdBsd(SplittableRandom r, Instant time, String message) {
    return TextShapes.pri(TextShapes.AUTH, 6) + TimeLayouts.bsdSyslog(time) + " "
        + Randoms.pick(r, Vocabulary.BASTIONS) + " " + (r.nextInt(5) == 0 ? "sshd-session" : "sshd") + "["
        + r.nextInt(300, 60_000) + "]: " + message;
  }

  // Filebeat's system module (auth fileset) after its ingest pipeline: the sshd line as ECS fields.
  private static String ecs(SplittableRandom r, Instant time, boolean failed, String user, String address) {
    String host = Randoms.pick(r, Vocabulary.BASTIONS);
    int port = r.nextInt(1_024, 65_536);
    String method = failed || r.nextBoolean() ? "password" : "publickey";
    String message = (failed ? "Failed " : "Accepted ") + method + " for " + user + " from " + address + " port "
        + port + " ssh2";
    return "{\"@timestamp\":\"" + TimeLayouts.isoMillis(time)
        + "\",\"@metadata\":{\"beat\":\"filebeat\",\"type\":\"_doc\",\"version\":\"8.15.0\"},\"message\":\""
        + message + "\",\"ecs\":{\"version\":\"8.0.0\"},\"host\":{\"name\":\"" + host
        + "\"},\"agent\":{\"type\":\"filebeat\",\"version\":\"8.15.0\",\"name\":\"" + host
        + "\"},\"event\":{\"kind\":\"event\",\"category\":[\"authentication\"],\"type\":[\"info\"],"
        + "\"action\":\"ssh_login\",\"outcome\":\"" + (failed ? "failure" : "success")
        + "\",\"dataset\":\"system.auth\",\"module\":\"system\"},\"system\":{\"auth\":{\"ssh\":{\"method\":\""
        + method + "\",\"event\":\"" + (failed ? "Failed" : "Accepted") + "\"}}},\"user\":{\"name\":\"" + user
        + "\"},\"source\":{\"ip\":\"" + address + "\",\"port\":" + port + "},\"process\":{\"name\":\"sshd\",\"pid\":"
        + r.nextInt(300, 60_000) + "},\"log\":{\"file\":{\"path\":\"/var/log/auth.log\"},\"offset\":"
        + r.nextInt(1_000_000) + "}}";
  }

  // The Okta System Log's LogEvent as the System Log API answers it.
  private static String okta(SplittableRandom r, Instant time, String result, String eventType, String display,
      String reason, String user, String address) {
    return "{\"uuid\":\"" + Randoms.uuid(r) + "\",\"published\":\"" + TimeLayouts.isoMillis(time)
        + "\",\"eventType\":\"" + eventType + "\",\"version\":\"0\",\"severity\":\""
        + (result.equals("FAILURE") ? "WARN" : "INFO") + "\",\"displayMessage\":\"" + display
        + "\",\"actor\":{\"id\":\"00u" + Randoms.alnum(r, 17) + "\",\"type\":\"User\",\"alternateId\":\"" + user
        + "\",\"displayName\":\"" + user
        + "\"},\"client\":{\"userAgent\":{\"rawUserAgent\":\"Mozilla/5.0\",\"os\":\"Mac OS X\","
        + "\"browser\":\"CHROME\"},\"zone\":\"null\",\"device\":\"Computer\",\"ipAddress\":\"" + address
        + "\"},\"outcome\":{\"result\":\"" + result + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
        + "},\"target\":[],\"transaction\":{\"type\":\"WEB\",\"id\":\"" + Randoms.alnum(r, 20) + "\"}}";
  }
}
