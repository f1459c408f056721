package io.logwarden.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Actor;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Target;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.Test;

class TrustedRecordClassesTest {

  @Test
  void trustsExactlyTheGeneratedClassesOfTheSchemas() {
    TrustedRecordClasses.trustLogwardenRecords();

    ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
    assertThat(global.isTrusted(LogEvent.class)).isTrue();
    assertThat(global.isTrusted(Outcome.class)).isTrue();
    assertThat(global.isTrusted(Target.class)).isTrue();
    assertThat(global.isTrusted(AlertStatus.class)).isTrue();
    assertThat(global.isTrusted(ProcessBuilder.class)).isFalse();
    assertThat(global.isTrusted(TrustedRecordClasses.class)).isFalse();
  }

  @Test
  void keepsACheckInstalledByOthers() {
    ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
    try {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
          ClassSecurityValidator.DEFAULT, c -> c == java.net.URI.class));

      TrustedRecordClasses.trust(Actor.getClassSchema());

      ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
      assertThat(global.isTrusted(java.net.URI.class)).isTrue();
      assertThat(global.isTrusted(Actor.class)).isTrue();
    } finally {
      ClassSecurityValidator.setGlobal(before);
    }
  }

  @Test
  void buildersFillEnumDefaultsOnceTrusted() {
    TrustedRecordClasses.trustLogwardenRecords();

    assertThat(SampleRecords.minimalLogEvent().getOutcome()).isEqualTo(Outcome.UNKNOWN);
  }
}
