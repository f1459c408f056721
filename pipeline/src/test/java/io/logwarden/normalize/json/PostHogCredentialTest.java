package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PostHog project key is a credential: it must not survive into any field of any event. */
class PostHogCredentialTest {

  private static final String KEY = "phc_R7nX2mKp9QwLs4VtYb8ZcDe6FgHj3Ak5Ns1PqW0e";

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);

  private static void assertKeyless(RecordNormalizer.Result result) {
    assertThat(result.format()).isEqualTo("posthog");
    assertThat(result.events()).isNotEmpty();
    for (LogEvent event : result.events()) {
      // The Avro JSON rendering holds every field, attribute and flag of the event.
      assertThat(event.toString()).doesNotContain(KEY).doesNotContain("api_key");
      assertThat(event.getAttributes().keySet()).noneMatch(key -> key.contains("api_key") || key.endsWith("token"));
    }
  }

  @Test
  void samplesLoseTheirKey() {
    assertThat(new String(Samples.record("posthog_capture.json"), StandardCharsets.UTF_8)).contains(KEY);
    assertKeyless(Samples.normalize(normalizer, Samples.record("posthog_capture.json")));
    assertKeyless(Samples.normalize(normalizer, Samples.record("posthog_batch.json")));
  }

  @Test
  void keyRepeatedInEntriesAndPropertiesIsDroppedToo() {
    String batch = "{\"api_key\":\"" + KEY + "\",\"batch\":[{\"event\":\"e\",\"api_key\":\"" + KEY + "\","
        + "\"distinct_id\":\"d\",\"properties\":{\"token\":\"" + KEY + "\",\"$token\":\"" + KEY + "\",\"x\":1}},"
        + "{\"event\":\"f\",\"token\":\"" + KEY + "\",\"properties\":{\"distinct_id\":\"d2\"}}]}";
    RecordNormalizer.Result result = Samples.normalize(normalizer, batch.getBytes(StandardCharsets.UTF_8));
    assertKeyless(result);
    assertThat(result.events()).hasSize(2);
    assertThat(result.events().get(0).getAttributes()).containsEntry("properties.x", "1");
  }

  @Test
  void keyIsDroppedWhenTheFormatIsForcedOnAnOddShape() {
    String odd = "{\"api_key\":\"" + KEY + "\",\"event\":[1],\"batch\":{\"api_key\":\"" + KEY + "\"}}";
    RecordNormalizer.Result result =
        Samples.normalize(normalizer, odd.getBytes(StandardCharsets.UTF_8), "posthog");
    assertKeyless(result);
  }
}
