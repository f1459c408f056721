package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The scan of a record's raw text before parsing: what it finds is replaced wherever the parsed
 * fields hold it, also where a field holds it decoded.
 */
class RawSecretsTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private final RecordNormalizer normalizer = new RecordNormalizer(POLICY);
  private final EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), POLICY.redaction(), new SimpleMeterRegistry());

  private LogEvent redacted(String record) {
    RecordNormalizer.Result result = normalizer.normalize(new RawRecord("logs.raw.app", 0, 0, 1_772_424_669_000L,
        record.getBytes(StandardCharsets.UTF_8)), null);
    return redactor.redact(result.events(), result.text()).get(0);
  }

  @Test
  void aSecretEchoedInAnotherFieldGoesThereToo() {
    String password = "Tr0ub4dor" + "&3xq";
    LogEvent event = redacted("{\"password\":\"" + password + "\",\"message\":\"login with " + password + " failed\"}");
    assertThat(event.getMessage()).isEqualTo("login with [REDACTED:secret-value] failed");
    assertThat(event.toString()).doesNotContain(password);
  }

  @Test
  void aLogfmtValueEchoedInTheMessageGoes() {
    LogEvent event = redacted("level=warn password=Zebra42quux msg=\"retry with Zebra42quux\"");
    assertThat(event.toString()).doesNotContain("Zebra42quux");
  }

  @Test
  void theDecodedFormOfAnEscapedSecretGoesFromTheParsedFields() {
    // The raw text has the value JSON-escaped; the parsed message holds it decoded.
    LogEvent event = redacted("{\"client_secret\":\"ab\\u002Fcd+ef9912\",\"message\":\"issued ab/cd+ef9912 to orders\"}");
    assertThat(event.getMessage()).isEqualTo("issued [REDACTED:secret-value] to orders");
  }

  @Test
  void withoutTheRawScanTheEchoStays() {
    // The same record redacted event by event: the field scan alone cannot know the echo.
    String password = "Tr0ub4dor" + "&3xq";
    RecordNormalizer.Result result = normalizer.normalize(new RawRecord("logs.raw.app", 0, 0, 1_772_424_669_000L,
        ("{\"password\":\"" + password + "\",\"message\":\"login with " + password + " failed\"}")
            .getBytes(StandardCharsets.UTF_8)), null);
    assertThat(redactor.redact(result.events().get(0)).getMessage()).contains(password);
  }

  @Test
  void anOccurrenceInsideALongerWordStays() {
    RawSecrets raw = RawSecrets.of(new SecretScanner(), "password=abcd1234");
    RedactionCounts counts = new RedactionCounts();
    assertThat(raw.replaceIn("x abcd1234 yabcd1234 abcd12345 (abcd1234)", counts))
        .isEqualTo("x [REDACTED:secret-value] yabcd1234 abcd12345 ([REDACTED:secret-value])");
    assertThat(counts.asMap()).containsEntry("secret-value", 2);
  }

  @Test
  void shortFindsAndCleanTextsGiveNothing() {
    assertThat(RawSecrets.of(new SecretScanner(), "password=abc").isEmpty()).isTrue();
    assertThat(RawSecrets.of(new SecretScanner(), "GET /orders 200 12ms").isEmpty()).isTrue();
    assertThat(RawSecrets.of(new SecretScanner(), null)).isSameAs(RawSecrets.NONE);
    String clean = "nothing here";
    assertThat(RawSecrets.NONE.replaceIn(clean, null)).isSameAs(clean);
  }

  @Test
  void decodesJsonEscapesAndPercentEncoding() {
    assertThat(RawSecrets.jsonUnescaped("a\\u002Fb\\\"c\\\\d\\/e\\n")).isEqualTo("a/b\"c\\d/e\n");
    assertThat(RawSecrets.jsonUnescaped("plain")).isNull();
    assertThat(RawSecrets.jsonUnescaped("broken\\u12")).isNull();
    assertThat(RawSecrets.jsonUnescaped("broken\\q")).isNull();
    assertThat(RawSecrets.percentDecoded("p%40ss%2Fw%C3%B6rd")).isEqualTo("p@ss/wörd");
    assertThat(RawSecrets.percentDecoded("plain")).isNull();
    assertThat(RawSecrets.percentDecoded("50%")).isNull();
    assertThat(RawSecrets.percentDecoded("%zz")).isNull();
  }

  @Test
  void vouchesOnlyForFieldsThatStandVerbatimWhereTheRawScanFoundNothing() {
    RawSecrets raw = RawSecrets.of(new SecretScanner(),
        "{\"message\":\"order 42 shipped\",\"password\":\"hunter2abc\",\"note\":\"a\\u002Fb\"}");
    assertThat(raw.vouchesFor("order 42 shipped")).isTrue();
    assertThat(raw.vouchesFor("hunter2abc")).as("where the scan found a secret").isFalse();
    assertThat(raw.vouchesFor("a/b")).as("decoded by parsing: not in the raw text").isFalse();
    assertThat(raw.vouchesFor("")).isFalse();
    assertThat(RawSecrets.NONE.vouchesFor("order 42 shipped")).isFalse();
  }
}
