package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A credential whose name and value the parser puts in different fields: a name/value pair split
 * across attributes, or a syslog header (tag, APP-NAME, PROCID, MSGID, structured data) naming the
 * credential whose value is the message. Records go through the normalizer and the redactor.
 */
class SplitContextRedactionTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final RecordNormalizer normalizer = new RecordNormalizer(POLICY);
  private final EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), POLICY.redaction(), new SimpleMeterRegistry());
  private final String secret = FakeSecrets.chars(new Random(19), ALNUM, 28);

  private LogEvent redacted(String record) {
    LogEvent event = normalizer.normalize(new RawRecord("logs.raw.app", 0, 0, 1_772_424_669_000L,
        record.getBytes(StandardCharsets.UTF_8)), null).events().get(0);
    return redactor.redact(event);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"message\":\"calling partner\",\"header\":{\"name\":\"X-Api-Key\",\"value\":\"%s\"}}",
      "{\"message\":\"setting changed\",\"name\":\"db_password\",\"value\":\"%s\"}",
      "{\"message\":\"setting changed\",\"setting\":{\"key\":\"clientSecret\",\"val\":\"%s\"}}",
      "{\"message\":\"span\",\"attribute\":{\"key\":\"api_token\",\"value\":{\"stringValue\":\"%s\"}}}",
      "ts=2026-07-22T09:45:23Z level=info msg=\"config set\" key=api_key value=%s",
      "<34>Oct 11 22:14:15 web-1 password: %s",
      "<34>1 2026-07-22T09:45:23Z web-1 orders - API_KEY - %s",
      "<34>1 2026-07-22T09:45:23Z web-1 client_secret 1234 - - %s",
      "<34>1 2026-07-22T09:45:23Z web-1 orders 1234 ID47 [cred@32473 name=\"db_password\"] %s",
      "<34>1 2026-07-22T09:45:23Z web-1 orders 1234 ID47 [apikey@32473 scope=\"orders\"] %s",
  })
  void theValueGoesWhereItsNameIsInAnotherField(String layout) {
    LogEvent event = redacted(layout.formatted(secret));
    Leaks.assertNoPieceSurvives(event.toString(), secret);
    assertThat(event.getRedaction().getRules()).containsKey("secret-value");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"message\":\"stock\",\"item\":{\"name\":\"orders\",\"value\":\"%s\"}}",
      "{\"message\":\"usage\",\"name\":\"token_count\",\"value\":\"%s\"}",
      "ts=2026-07-22T09:45:23Z level=info msg=\"metric\" key=queue_depth value=%s",
      "<34>1 2026-07-22T09:45:23Z web-1 orders 1234 LOGIN - session opened %s",
      "<34>1 2026-07-22T09:45:23Z web-1 orders 1234 ID47 [meta name=\"password_reset\"] %s",
      "<34>Oct 11 22:14:15 web-1 tokend[812]: issued %s",
  })
  void aPairOrHeaderThatNamesNoSecretLeavesTheValue(String layout) {
    LogEvent event = redacted(layout.formatted(secret));
    assertThat(event.toString()).contains(secret);
    assertThat(event.getRedaction().getRules()).doesNotContainKey("secret-value");
  }
}
