package io.logwarden.detect;

import io.logwarden.detect.ReferenceSshLog.Reading;
import io.logwarden.detect.ReferenceSshLog.SignIn;
import io.logwarden.redact.ExpectedPseudonyms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reference expects of an sshd log: its reading, its sign-ins keyed by the pseudonyms the
 * pipeline writes (computed independently, see {@link ExpectedPseudonyms}), and the alerts per rule.
 *
 * @param plain pseudonym to the value it stands for, to show alerts readably
 */
public record ReferenceExpectations(
    List<String> lines, Reading reading, List<SignIn> keyed, Map<String, List<ReferenceDetector.Alert>> alerts,
    Map<String, String> plain) {

  /** The Loghub OpenSSH log (see the dataset's README for the citation). */
  public static final String OPENSSH_DATASET = "datasets/loghub-openssh/OpenSSH_2k.log";

  public static ReferenceExpectations of(String resource, ZoneId zone, Instant observed, String keyId, byte[] secret)
      throws IOException {
    List<String> lines = new String(resource(resource), StandardCharsets.UTF_8).lines().toList();
    Reading reading = ReferenceSshLog.read(lines, zone, observed);
    Map<String, String> plain = new HashMap<>();
    List<SignIn> keyed = new ArrayList<>();
    for (SignIn s : reading.signIns()) {
      keyed.add(new SignIn(s.time(), s.line(), s.repeat(), s.outcome(),
          s.source() == null ? null : key(keyId, secret, ReferenceSshLog.normalizedAddress(s.source()), s.source(), plain),
          s.user() == null ? null : key(keyId, secret, ReferenceSshLog.normalizedUser(s.user()), s.user(), plain)));
    }
    Map<String, List<ReferenceDetector.Alert>> alerts = new HashMap<>();
    alerts.put(ReferenceDetector.BRUTE_FORCE_SOURCE, ReferenceDetector.bruteForceBySource(keyed));
    alerts.put(ReferenceDetector.BRUTE_FORCE_USER, ReferenceDetector.bruteForceByUser(keyed));
    alerts.put(ReferenceDetector.PASSWORD_SPRAYING, ReferenceDetector.passwordSpraying(keyed));
    alerts.put(ReferenceDetector.SUCCESS_AFTER_FAILURES, ReferenceDetector.successAfterFailures(keyed));
    return new ReferenceExpectations(lines, reading, keyed, alerts, plain);
  }

  /** A fixed 32-byte test secret. */
  public static byte[] testSecret() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (17 * i + 3);
    }
    return secret;
  }

  private static String key(String keyId, byte[] secret, String normalized, String plainValue, Map<String, String> plain) {
    try {
      String pseudonym = ExpectedPseudonyms.of(keyId, secret, normalized);
      plain.put(pseudonym, "'" + plainValue + "'");
      return pseudonym;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ReferenceExpectations.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
