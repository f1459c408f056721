package io.logwarden.redact.rules;

import static io.logwarden.redact.rules.FakeKeys.ALNUM;
import static io.logwarden.redact.rules.FakeKeys.B64;
import static io.logwarden.redact.rules.FakeKeys.DIGITS;
import static io.logwarden.redact.rules.FakeKeys.HEX;
import static io.logwarden.redact.rules.FakeKeys.LOWER_ALNUM;
import static io.logwarden.redact.rules.FakeKeys.UPPER_ALNUM;
import static io.logwarden.redact.rules.FakeKeys.WORD_DASH;
import static io.logwarden.redact.rules.FakeKeys.chars;
import static io.logwarden.redact.rules.FakeKeys.mixed;
import static io.logwarden.redact.rules.FakeKeys.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.RedactionCounts;
import io.logwarden.redact.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped rules (vendored gitleaks rules and logwarden's own) through the scanner the pipeline
 * runs: a fake key of each provider in a log line is replaced whole, its marker naming the rule, and
 * near misses (a keyword with a value of the wrong length, alphabet or entropy) stay as they were.
 */
class ShippedRulesTest {

  private static final SecretScanner SCANNER = new SecretScanner(SecretRulesLoader.shipped());

  /** One planted key: the log line, the secret in it, the kind its marker must name. */
  record Planted(String name, String line, String secret, String kind) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Planted planted(String kind, String before, String secret, String after) {
    return new Planted(kind, before + secret + after, secret, kind);
  }

  static final List<Function<Random, Planted>> FOUND = List.of(
      r -> planted("sentry-user-token", "sentry-cli configured with ", "sntr" + "yu_" + chars(r, HEX, 64),
          " for release 2.3.1"),
      // Under a secret-sounding key the fast path finds a generic value; the rule names the provider.
      r -> planted("sentry-access-token", "SENTRY_AUTH_TOKEN=", chars(r, HEX, 64), " release=2.3.1"),
      r -> planted("1password-service-account-token", "op run failed with ", "op" + "s_eyJ" + chars(r, B64, 300),
          " in job deploy"),
      r -> planted("atlassian-api-token", "jira sync authenticated with ", "ATA" + "TT3" + chars(r, WORD_DASH, 186),
          " and got 403"),
      r -> planted("digitalocean-pat", "doctl auth init -t ", "dop" + "_v1_" + chars(r, HEX, 64), " --context ci"),
      r -> planted("doppler-api-token", "doppler setup using ", "dp." + "pt." + chars(r, ALNUM, 43), " for prd"),
      r -> planted("dynatrace-api-token", "oneagent registered with ",
          "dt0" + "c01." + chars(r, UPPER_ALNUM, 24) + "." + chars(r, UPPER_ALNUM, 64), " at tenant abc12345"),
      r -> planted("grafana-service-account-token", "grafana provisioning used ",
          "gl" + "sa_" + chars(r, ALNUM, 32) + "_" + chars(r, HEX, 8), " to create dashboards"),
      r -> planted("hashicorp-tf-api-token", "terraform login stored ",
          chars(r, LOWER_ALNUM, 14) + ".atlas" + "v1." + chars(r, LOWER_ALNUM + "_-", 64), " in credentials.tfrc.json"),
      r -> planted("heroku-api-key-v2", "heroku auth:token printed ", "HR" + "KU-AA" + chars(r, WORD_DASH, 58),
          " for the pipeline"),
      r -> planted("linear-api-key", "linear client created with ", "lin_" + "api_" + chars(r, ALNUM, 40),
          " for workspace acme"),
      r -> planted("new-relic-user-api-key", "NEW_RELIC_API_KEY=", "NR" + "AK-" + chars(r, UPPER_ALNUM, 27),
          " region=eu"),
      r -> planted("postman-api-token", "newman run authenticated with ",
          "PM" + "AK-" + chars(r, HEX, 24) + "-" + chars(r, HEX, 34), " and failed"),
      r -> planted("shopify-access-token", "shopify admin call with ", "shp" + "at_" + chars(r, HEX, 32),
          " returned 401"),
      r -> planted("mailgun-private-api-token", "MAILGUN_PRIVATE=", "key" + "-" + chars(r, HEX, 32),
          " domain=mg.example.com"),
      r -> planted("square-access-token", "square charge via ", "sq0" + "atp-" + chars(r, WORD_DASH, 22),
          " was declined"),
      r -> planted("telegram-bot-api-token", "TELEGRAM_BOT_TOKEN=",
          chars(r, DIGITS, 9) + ":" + "A" + chars(r, WORD_DASH, 34), " chat=42"),
      r -> planted("microsoft-teams-webhook", "alert delivery to ", "https://acme.webhook.office.com/webhook" + "b2/"
          + uuid(r) + "@" + uuid(r) + "/IncomingWebhook/" + chars(r, LOWER_ALNUM, 32) + "/" + uuid(r),
          " failed with 429"),
      r -> planted("posthog-project-api-key", "posthog.init(", "ph" + "c_" + chars(r, ALNUM, 43), ", host=eu)"),
      r -> planted("posthog-personal-api-key", "POSTHOG_PERSONAL_API_KEY=", "ph" + "x_" + mixed(r, 47),
          " project=12345"),
      r -> planted("posthog-secret-api-key", "flags loaded with ", "ph" + "s_" + mixed(r, 47), " in 12 ms"),
      r -> planted("langfuse-public-key", "langfuse client public=", "pk" + "-lf-" + uuid(r), " host=cloud"),
      // A self-hosted instance's init key: too short for the fast path's sk- shape, so the rule names it.
      r -> planted("langfuse-secret-key", "langfuse init secret=", "sk" + "-lf-" + mixed(r, 20), " project=demo"),
      r -> planted("betterstack-source-token", "LOGTAIL_SOURCE_TOKEN=", mixed(r, 24), " level=info"),
      r -> planted("betterstack-source-token", "new Logtail({sourceToken: \"", mixed(r, 24), "\"})"));

  static Stream<Arguments> found() {
    Random random = new Random(11);
    List<Arguments> out = new ArrayList<>();
    for (Function<Random, Planted> make : FOUND) {
      for (int i = 0; i < 3; i++) {
        out.add(Arguments.of(make.apply(random)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("found")
  void aProvidersKeyIsReplacedWholeUnderItsRuleId(Planted planted) {
    RedactionCounts counts = new RedactionCounts();
    String redacted = SCANNER.redact(planted.line(), counts);
    assertThat(redacted).isEqualTo(planted.line().replace(planted.secret(), "[REDACTED:" + planted.kind() + "]"));
    assertThat(counts.asMap()).isEqualTo(Map.of(planted.kind(), 1));
  }

  static Stream<Arguments> nearMisses() {
    Random r = new Random(13);
    return Stream.of(
        // The keyword is there, the value is not of the provider's shape.
        "shopify admin call with " + "shp" + "at_" + chars(r, "ghijklmnopqrstuvwxyz", 32) + " returned 401",
        "doctl auth init -t " + "dop" + "_v1_" + chars(r, HEX, 63) + " --context ci",
        "oneagent registered with " + "dt0" + "c01." + chars(r, UPPER_ALNUM, 24) + "." + chars(r, UPPER_ALNUM, 60) + " ok",
        "sentry_release_hash: " + chars(r, HEX, 63),
        "telegram chat id: 123456789 joined",
        "webhook.office.com answered 200 for the Incoming" + "Webhook probe",
        "posthog.init(" + "ph" + "c_" + chars(r, ALNUM, 20) + ")",
        "betterstack_source: " + mixed(r, 23) + " attached",
        "heroku dyno " + uuid(r) + " restarted",
        "op run used " + "op" + "s_eyJ" + chars(r, B64, 100) + " (truncated)",
        // Below the rule's entropy: a placeholder, not a key.
        "linear client created with " + "lin_" + "api_" + "a".repeat(40) + " for workspace acme",
        "posthog.init(" + "ph" + "c_" + "x".repeat(43) + ")",
        "langfuse client public=" + "pk" + "-lf-" + "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" + " host=cloud")
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nearMisses")
  void aKeywordWithoutTheShapeStaysAsItWas(String line) {
    assertThat(SCANNER.redact(line, null)).isSameAs(line);
  }

  @Test
  void aValueOnAnAllowlistStaysAsItWas() {
    // gitleaks' global allowlist has this UUID as a stopword (it is in its own documentation).
    String line = "heroku app id: 014df517-39d1-4453-b7b3-9930c563627c";
    assertThat(SCANNER.redact(line, null)).isSameAs(line);
    String uuid = uuid(new Random(3));
    assertThat(SCANNER.redact("heroku app id: " + uuid, null)).isEqualTo("heroku app id: [REDACTED:heroku-api-key]");
  }

  @Test
  void theFastPathsKindWinsOnTheSameSpanAndTheSpanCountsOnce() {
    String pat = "gh" + "p_" + chars(new Random(5), ALNUM, 36);
    RedactionCounts counts = new RedactionCounts();
    assertThat(SCANNER.redact("git push with " + pat + " failed", counts)).isEqualTo("git push with [REDACTED:github-pat] failed");
    assertThat(counts.asMap()).isEqualTo(Map.of("github-pat", 1));
    // The rule set alone finds the same span under gitleaks' id for it.
    List<String> found = new ArrayList<>();
    SecretRulesLoader.shipped().find("git push with " + pat + " failed", (s, e, kind) -> found.add(kind + "@" + s));
    assertThat(found).containsExactly("github-pat@14");
  }

  @Test
  void aLangfuseSecretKeyOfUuidShapeIsNamedByTheRuleSet() {
    // sk-lf-<uuid> is also of the fast path's generic OpenAI shape (sk- and 32 characters or more), which
    // leaves Langfuse's prefix to the rule set.
    String key = "sk" + "-lf-" + uuid(new Random(17));
    String line = "LANGFUSE_SECRET_KEY=" + key + " host=cloud";
    assertThat(SCANNER.redact(line, null)).isEqualTo("LANGFUSE_SECRET_KEY=[REDACTED:langfuse-secret-key] host=cloud");
    assertThat(SCANNER.redact("using " + key, null)).isEqualTo("using [REDACTED:langfuse-secret-key]");
  }
}
