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
 * The redactor passes {@code classification.entry} through unscanned, so a record's own text must never
 * stand there: a record's field of that name moves to {@code input.classification.entry} and is redacted
 * like any other, and only what classified the event is written under the name.
 */
class EntryAttributeTrustTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private final RecordNormalizer normalizer = new RecordNormalizer(POLICY);
  private final EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), POLICY.redaction(), new SimpleMeterRegistry());

  private LogEvent redacted(String json) {
    LogEvent event = normalizer.normalize(new RawRecord("logs.raw.app", 0, 0, 1_772_424_669_000L,
        json.getBytes(StandardCharsets.UTF_8)), null).events().get(0);
    redactor.redact(event);
    return event;
  }

  @Test
  void aRecordsOwnFieldOfThatNameIsMovedAsideAndRedacted() {
    LogEvent event = redacted("{\"message\":\"cache warmed\",\"classification\":{\"entry\":"
        + "\"password=hunter2 mallory@example.com\"}}");
    assertThat(event.getAttributes()).doesNotContainKey("classification.entry");
    assertThat(event.getAttributes().get("input.classification.entry"))
        .isNotNull().doesNotContain("hunter2").doesNotContain("mallory@example.com");
  }

  @Test
  void anEntryTheCatalogueWroteStays() {
    LogEvent event = redacted("{\"ts\":1772424669,\"event_type\":\"user.login\",\"result\":\"failure\","
        + "\"username\":\"u1\",\"classification.entry\":\"openssh.failed\"}");
    assertThat(event.getAttributes()).containsEntry("classification.entry", "generic:json_sign_in")
        .containsEntry("input.classification.entry", "openssh.failed");
  }
}
