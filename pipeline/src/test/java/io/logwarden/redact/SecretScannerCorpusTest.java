package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.logwarden.redact.FakeSecrets.Planted;
import io.logwarden.redact.FakeSecrets.Variant;
import io.logwarden.redact.SecretScannerTest.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Recall and false-positive rate over a generated corpus: fake secrets of every kind planted in
 * varied log contexts, and clean realistic lines that include the near misses. The figures are in
 * the test names of the report.
 */
class SecretScannerCorpusTest {

  private static final int PLANTED = 600;
  private static final int CLEAN = 600;
  private static final String HEX = "0123456789abcdef";
  private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

  private final SecretScanner scanner = new SecretScanner();

  /** More places for a secret than the per-kind test uses, as real sources write them. */
  private static final List<Context> EXTRA_CONTEXTS = List.of(
      new Context("logback json", true, s -> "{\"@timestamp\":\"2026-07-22T09:49:12.004+02:00\",\"message\":\"Calling partner with "
          + s + "\",\"logger_name\":\"com.example.sync.PartnerClient\",\"level\":\"INFO\"}"),
      new Context("klog", false, s -> "E0722 09:54:01.000001   28133 client.go:112] request failed: " + s),
      new Context("cef", false, s -> "CEF:0|Acme|WAF|3.1|1001|Leak blocked|8|src=192.0.2.10 msg=" + s + " dst=10.0.0.5"),
      new Context("caused by", false, s -> "Caused by: java.io.IOException: server returned 401 for " + s),
      new Context("fluent-bit log field", true, s -> "{\"@timestamp\":1784714723.518412,\"log\":\"ERROR [orders-api] failed " + s
          + "\\n\",\"stream\":\"stderr\"}"),
      new Context("tab separated", false, s -> "2026-07-22\t09:45:23\tWARN\tconfig\t" + s + "\tend"));

  private static List<Function<Random, String>> cleanLines() {
    return List.of(
        r -> ip(r) + " - - [22/Jul/2026:09:" + two(r) + ":" + two(r) + " +0000] \"GET /api/v1/orders/" + r.nextInt(99999)
            + "?page=" + r.nextInt(9) + "&max_tokens=" + r.nextInt(4096) + " HTTP/1.1\" 200 " + r.nextInt(9999)
            + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\"",
        r -> "ts=2026-07-22T09:53:" + two(r) + ".120Z level=info msg=\"request completed\" method=GET path=/api/v1/users/u_"
            + r.nextInt(9999) + " status=200 duration_ms=" + r.nextInt(900) + " remote_ip=" + ip(r) + " trace_id="
            + FakeSecrets.chars(r, HEX, 32) + " token_count=" + r.nextInt(99) + " tokens_used=" + r.nextInt(999),
        r -> "{\"@timestamp\":\"2026-07-22T09:49:13.250+02:00\",\"message\":\"Processed order " + r.nextInt(99999) + " in "
            + r.nextInt(500) + " ms\",\"logger_name\":\"com.example.orders.OrderService\",\"thread_name\":\"http-nio-8080-exec-"
            + r.nextInt(20) + "\",\"level\":\"INFO\",\"trace_id\":\"" + FakeSecrets.chars(r, HEX, 32) + "\",\"span_id\":\""
            + FakeSecrets.chars(r, HEX, 16) + "\",\"user_id\":\"u_" + r.nextInt(9999) + "\"}",
        r -> "<38>Jul 22 09:" + two(r) + ":" + two(r) + " bastion-1 sshd[" + r.nextInt(30000) + "]: Accepted publickey for deploy from "
            + ip(r) + " port " + r.nextInt(65535) + " ssh2: ED25519 SHA256:" + FakeSecrets.chars(r, B64, 43),
        r -> "I0722 09:54:00." + r.nextInt(999999) + "   28133 controller.go:70] reconciled deployment shop/orders-"
            + FakeSecrets.chars(r, LOWER, 5) + " generation=" + r.nextInt(99) + " image=registry.example.com/shop/orders@sha256:"
            + FakeSecrets.chars(r, HEX, 64),
        r -> "ci: checked out commit " + FakeSecrets.chars(r, HEX, 40) + " on release/" + r.nextInt(9) + "." + r.nextInt(20) + "."
            + r.nextInt(9) + ", secret scanning passed, 0 tokens found",
        r -> "aws codepipeline deployed commit " + FakeSecrets.chars(r, HEX, 40) + " to arn:aws:ecs:eu-west-1:"
            + digits(r, 12) + ":service/shop/orders-api",
        r -> "\tat com.example.auth.TokenService.refresh(TokenService.java:" + r.nextInt(900) + ")\n"
            + "Caused by: java.net.SocketTimeoutException: Read timed out after " + r.nextInt(30000) + " ms",
        r -> "{\"model\":\"gpt-4o-mini\",\"modelParameters\":{\"temperature\":0.2,\"max_tokens\":" + r.nextInt(4096)
            + "},\"usage\":{\"input\":" + r.nextInt(999) + ",\"output\":" + r.nextInt(999) + ",\"unit\":\"TOKENS\"}}",
        r -> "user u_" + r.nextInt(9999) + " requested a password reset; password reset requested at 2026-07-22T09:"
            + two(r) + ":00Z",
        r -> "Authorization failed for user u_" + r.nextInt(9999) + ": token expired " + r.nextInt(60) + "s ago",
        r -> "{\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA" + FakeSecrets.chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)
            + ":ci\",\"arn\":\"arn:aws:sts::" + digits(r, 12) + ":assumed-role/ci/ci\"},\"eventID\":\"" + uuid(r) + "\"}",
        r -> "upload id=" + r.nextInt(9999) + " payload=" + FakeSecrets.chars(r, B64, 120) + "== size=" + r.nextInt(9999),
        r -> "mail sent to " + FakeSecrets.chars(r, LOWER, 6) + "@example.com from " + ip(r) + " (2001:db8::"
            + FakeSecrets.chars(r, HEX, 4) + ") request " + uuid(r),
        r -> "ts=" + (1_784_000_000 + r.nextInt(999_999)) + " ts_ms=" + (1_784_000_000_000L + r.nextInt(999_999_999))
            + " version=" + r.nextInt(9) + "." + r.nextInt(30) + "." + r.nextInt(9) + "-rc." + r.nextInt(5) + "+build." + r.nextInt(99),
        r -> "Remember to rotate your API keys every " + r.nextInt(90) + " days and never log secrets, tokens or passwords.",
        r -> "<86>Jul 22 09:52:" + two(r) + " db-2 sudo:    alice : TTY=pts/" + r.nextInt(9) + " ; PWD=/home/alice ; USER=root ; "
            + "COMMAND=/usr/bin/systemctl restart orders-" + FakeSecrets.chars(r, LOWER, 4),
        r -> "git clone ssh://git@github.com/org/" + FakeSecrets.chars(r, LOWER, 8) + ".git && curl https://example.com:8443/p?x="
            + r.nextInt(99) + "#frag",
        r -> "cache hit ratio=" + r.nextInt(100) + "% evictions=" + r.nextInt(999) + " keys=" + r.nextInt(99999)
            + " key=orders:" + r.nextInt(99999) + " session_id=" + uuid(r),
        r -> SecretScannerTest.NEAR_MISSES.get(r.nextInt(SecretScannerTest.NEAR_MISSES.size())));
  }

  @TestFactory
  Stream<DynamicTest> recallAndFalsePositives() {
    Random random = new Random(2026);
    List<Variant> variants = SecretScannerTest.concat(FakeSecrets.TOKENS, FakeSecrets.STRUCTURED);
    List<Context> contexts = SecretScannerTest.concat(SecretScannerTest.CONTEXTS, EXTRA_CONTEXTS);

    int caught = 0;
    TreeSet<String> missed = new TreeSet<>();
    for (int i = 0; i < PLANTED; i++) {
      Planted planted = variants.get(i % variants.size()).plant(random);
      Context context = contexts.get(random.nextInt(contexts.size()));
      String line = context.render(planted.text());
      String out = scanner.redact(line, new RedactionCounts());
      if (out.contains("[REDACTED:") && Leaks.noPieceSurvives(out, planted.secret())) {
        caught++;
      } else {
        missed.add(planted.variant() + " in " + context.name());
      }
    }

    int changed = 0;
    TreeSet<String> falsePositives = new TreeSet<>();
    List<Function<Random, String>> clean = cleanLines();
    for (int i = 0; i < CLEAN; i++) {
      String line = clean.get(i % clean.size()).apply(random);
      String out = scanner.redact(line, new RedactionCounts());
      if (out != line) {
        changed++;
        falsePositives.add(out);
      }
    }

    int caughtFinal = caught;
    int changedFinal = changed;
    String recall = String.format("recall %.2f%% (%d of %d planted secrets of %d kinds caught)",
        100.0 * caught / PLANTED, caught, PLANTED, variants.stream().map(Variant::kind).distinct().count());
    String fp = String.format("false positives %.2f%% (%d of %d clean lines changed)", 100.0 * changed / CLEAN, changed, CLEAN);
    return Stream.of(
        dynamicTest(recall, () -> assertThat(caughtFinal).as("%s; missed: %s", recall, missed).isEqualTo(PLANTED)),
        dynamicTest(fp, () -> assertThat(changedFinal).as("%s: %s", fp, falsePositives).isZero()));
  }

  private static String ip(Random r) {
    return (r.nextBoolean() ? "203.0.113." : "198.51.100.") + r.nextInt(255);
  }

  private static String two(Random r) {
    return String.format("%02d", r.nextInt(60));
  }

  private static String digits(Random r, int n) {
    return FakeSecrets.chars(r, "0123456789", n);
  }

  private static String uuid(Random r) {
    return FakeSecrets.chars(r, HEX, 8) + "-" + FakeSecrets.chars(r, HEX, 4) + "-4" + FakeSecrets.chars(r, HEX, 3) + "-a"
        + FakeSecrets.chars(r, HEX, 3) + "-" + FakeSecrets.chars(r, HEX, 12);
  }
}
