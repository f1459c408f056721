package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture through the normalizer with the shipped policy: the entry it names claims it (or,
 * for a near miss, none classifies it as a security event) and its canonical fields are exactly the
 * expected ones, before redaction.
 */
class CatalogueFixturesTest {

  private static final Set<String> SECURITY_ACTIONS =
      Set.of("sign_in", "account_lockout", "admin_action", "access_denied", "config_change");

  private final RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());

  @TestFactory
  List<DynamicTest> fixtures() {
    List<DynamicTest> tests = new ArrayList<>();
    for (CatalogueFixtures.Fixture fixture : CatalogueFixtures.all()) {
      tests.add(DynamicTest.dynamicTest(fixture.name(), () -> check(fixture)));
    }
    assertThat(tests).as("fixtures").isNotEmpty();
    return tests;
  }

  private void check(CatalogueFixtures.Fixture fixture) {
    RawRecord raw = new RawRecord("logs.raw." + fixture.source(), 0, 0L, CatalogueFixtures.OBSERVED.toEpochMilli(),
        fixture.input().getBytes(StandardCharsets.UTF_8));
    List<LogEvent> events = normalizer.normalize(raw, null).events();
    assertThat(events).as("events of %s", fixture.input()).hasSize(fixture.events());
    LogEvent event = events.get(0);
    String claimed = event.getAttributes().get(CatalogueEntry.ENTRY_ATTRIBUTE);
    SoftAssertions soft = new SoftAssertions();
    if ("none".equals(fixture.entry())) {
      CatalogueEntry shape = claimed == null ? null : CatalogueLoader.shipped().entry(claimed);
      soft.assertThat(claimed == null || (shape != null && shape.classification() == null))
          .as("a near miss is claimed by no classifying entry, but %s claimed it", claimed).isTrue();
      soft.assertThat(event.getAction()).as("action of a near miss").isNotIn(SECURITY_ACTIONS);
    } else {
      soft.assertThat(claimed).as("entry").isEqualTo(fixture.entry());
    }
    JsonNode expect = fixture.expect();
    if (expect != null) {
      if (expect.hasNonNull("time")) {
        soft.assertThat(event.getEventTime()).as("time").isEqualTo(Instant.parse(expect.get("time").asText()));
      }
      soft.assertThat(event.getCategory().name()).as("category").isEqualTo(text(expect, "category", "APPLICATION"));
      if (expect.has("action")) {
        soft.assertThat(event.getAction()).as("action").isEqualTo(text(expect, "action", null));
      }
      soft.assertThat(event.getOutcome().name()).as("outcome").isEqualTo(text(expect, "outcome", "UNKNOWN"));
      soft.assertThat(event.getActor().getUser()).as("user").isEqualTo(text(expect, "user", null));
      soft.assertThat(event.getSource().getAddress()).as("source_address").isEqualTo(text(expect, "source_address", null));
      if (expect.has("source_port")) {
        soft.assertThat(event.getSource().getPort()).as("source_port").isEqualTo(expect.get("source_port").asInt());
      }
      soft.assertThat(event.getTarget() == null ? null : event.getTarget().getKind()).as("target_kind")
          .isEqualTo(text(expect, "target_kind", null));
      soft.assertThat(event.getTarget() == null ? null : event.getTarget().getName()).as("target_name")
          .isEqualTo(text(expect, "target_name", null));
      soft.assertThat(event.getAttributes().get(CanonicalFields.CHANGE_KIND)).as("change_kind")
          .isEqualTo(text(expect, "change_kind", null));
      if (expect.has("process")) {
        soft.assertThat(event.getActor().getProcess()).as("process").isEqualTo(text(expect, "process", null));
      }
      if (expect.has("host")) {
        soft.assertThat(event.getSource().getHost()).as("host").isEqualTo(text(expect, "host", null));
      }
    }
    soft.assertAll();
  }

  private static String text(JsonNode node, String key, String fallback) {
    return node.hasNonNull(key) ? node.get(key).asText() : fallback;
  }
}
