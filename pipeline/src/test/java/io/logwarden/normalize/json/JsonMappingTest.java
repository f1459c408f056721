package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.JsonMapping;
import io.logwarden.policy.Policy;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's mapping for a JSON shape they own, as the generic parser and the shipper parsers apply it. */
class JsonMappingTest {

  private static final JsonMapping AUDIT = new JsonMapping("audit",
      List.of("usr.login", "evt"),
      Map.of("user", "usr.login", "action", "evt", "time", "at", "message", "text", "outcome", "result"),
      null);
  private static final JsonMapping ADMIN = new JsonMapping("admin-console",
      List.of("admin.who", "op"),
      Map.of("user", "admin.who", "action", "op", "time", "when"),
      Category.SECURITY);

  private final RecordNormalizer normalizer = new RecordNormalizer(withMappings(AUDIT, ADMIN));

  private static Policy withMappings(JsonMapping... mappings) {
    Policy p = Samples.POLICY;
    return new Policy(p.info(), p.stores(), p.topics(), p.routing(), p.clockSkewTolerance(), p.securityRouting(),
        p.sources(), List.of(mappings), p.redaction(), p.access(), p.userCatalogue());
  }

  private LogEvent normalize(String json) {
    RecordNormalizer.Result result = Samples.normalize(normalizer, json.getBytes(StandardCharsets.UTF_8));
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  @Test
  void mappedFieldsAreReadFromTheirPaths() {
    LogEvent event = normalize("{\"usr\":{\"login\":\"jane\",\"id\":7},\"evt\":\"login\","
        + "\"at\":\"2026-07-22T09:58:00Z\","
        + "\"text\":\"bad password\",\"result\":\"failure\",\"client\":\"web\"}");
    assertThat(event.getOrigin().getFormat()).isEqualTo("json");
    assertThat(event.getActor().getUser()).isEqualTo("jane");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:58:00Z"));
    assertThat(event.getMessage()).isEqualTo("bad password");
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.FAILURE);
    // Fields the mapping used are not repeated; the rest of a half-used object is kept.
    assertThat(event.getAttributes())
        .containsEntry("usr.id", "7")
        .containsEntry("client", "web")
        .doesNotContainKeys("usr.login", "evt", "at", "text", "result");
    assertThat(event.getFlags()).isEmpty();
  }

  @Test
  void mappingAppliesOnlyWhenAllItsFieldsArePresent() {
    LogEvent event = normalize("{\"usr\":{\"login\":\"jane\"},\"at\":\"2026-07-22T09:58:00Z\",\"text\":\"hello\","
        + "\"message\":\"usual field\"}");
    assertThat(event.getActor().getUser()).isNull();
    assertThat(event.getMessage()).isEqualTo("usual field");
    assertThat(event.getEventTime()).isEqualTo(Samples.OBSERVED);
    assertThat(event.getFlags()).containsExactly("missing_time");
    assertThat(event.getAttributes()).containsEntry("usr.login", "jane").containsEntry("at", "2026-07-22T09:58:00Z");
  }

  @Test
  void mappedPathThatIsAbsentFallsBackToTheUsualFields() {
    LogEvent event = normalize("{\"usr\":{\"login\":\"jane\"},\"evt\":\"export\",\"timestamp\":1784714400,"
        + "\"message\":\"exported\"}");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:00:00Z"));
    assertThat(event.getMessage()).isEqualTo("exported");
    assertThat(event.getAction()).isEqualTo("export");
    assertThat(event.getCategory()).isEqualTo(Category.APPLICATION);
    assertThat(event.getOutcome()).isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void mappedCategoryWinsAndWrongTypesDoNotBreakIt() {
    LogEvent event = normalize("{\"admin\":{\"who\":42},\"op\":\"delete_project\",\"when\":\"yesterday\"}");
    assertThat(event.getCategory()).isEqualTo(Category.SECURITY);
    assertThat(event.getActor().getUser()).isEqualTo("42");
    assertThat(event.getAction()).isEqualTo("delete_project");
    assertThat(event.getFlags()).containsExactly("bad_time", "missing_time");
  }

  @Test
  void mappingAppliesToAnApplicationLineInsideAShippersMessage() {
    String inner = "{\\\"usr\\\":{\\\"login\\\":\\\"bob\\\"},\\\"evt\\\":\\\"login\\\",\\\"result\\\":\\\"ok\\\","
        + "\\\"at\\\":\\\"2026-07-22T09:58:30Z\\\",\\\"text\\\":\\\"welcome\\\"}";
    RecordNormalizer.Result result = Samples.normalize(normalizer,
        ("{\"source_type\":\"kubernetes_logs\",\"timestamp\":\"2026-07-22T09:58:31Z\",\"message\":\"" + inner + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(result.format()).isEqualTo("json-vector");
    LogEvent event = result.events().get(0);
    assertThat(event.getActor().getUser()).isEqualTo("bob");
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:58:30Z"));
    assertThat(event.getMessage()).isEqualTo("welcome");
  }
}
