package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.event.FormatIds;
import org.junit.jupiter.api.Test;

class NormalizerFormatsTest {

  @Test
  void thePolicysListOfFormatIdsIsTheRegistrysOwn() {
    // A parser added to NormalizerFormats without its id in FormatIds would be refused in a policy.
    assertThat(NormalizerFormats.ids()).containsExactlyInAnyOrderElementsOf(FormatIds.ALL);
  }
}
