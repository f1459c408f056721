package io.logwarden.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.CleanupPolicy;
import io.logwarden.policy.Retention;
import io.logwarden.policy.TopicSpec;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

  private static final TopicSpec SPEC = new TopicSpec("store.sentry", CleanupPolicy.COMPACT_DELETE,
      Retention.of(Duration.ofDays(90), "90d"));

  private static Config config(String cleanup, String retention) {
    return new Config(List.of(new ConfigEntry("cleanup.policy", cleanup), new ConfigEntry("retention.ms", retention)));
  }

  @Test
  void matchingTopicHasNoDrift() {
    assertThat(TopicSettings.of(SPEC.name(), config("compact,delete", "7776000000")).driftFrom(SPEC)).isEmpty();
  }

  @Test
  void cleanupPolicyWordsInEitherOrderMatch() {
    assertThat(TopicSettings.of(SPEC.name(), config("delete,compact", "7776000000")).driftFrom(SPEC)).isEmpty();
  }

  @Test
  void everyDifferingSettingIsReported() {
    assertThat(TopicSettings.of(SPEC.name(), config("delete", "86400000")).driftFrom(SPEC))
        .containsExactly(
            new TopicDrift("store.sentry", "cleanup.policy", "compact,delete", "delete"),
            new TopicDrift("store.sentry", "retention.ms", "7776000000 (90d)", "86400000"));
  }
}
