package io.logwarden.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRedactionTest {

  @Test
  void shippedDefaultPseudonymizesUserAddressAndIdentifierAttributes() {
    RedactionSettings redaction = PolicyLoader.loadDefault().redaction();
    assertThat(redaction).isEqualTo(RedactionSettings.defaults());
  }

  @Test
  void treatmentsAreReadFromTheFile() {
    String yaml = PolicyText.DEFAULT.replace("  source_address: pseudonymize   # source.address", "  source_address: truncate")
        .replace("    user.ip_address: pseudonymize", "    user.ip_address: keep");
    RedactionSettings redaction = PolicyLoader.parse(yaml, "policy.yaml").redaction();
    assertThat(redaction.sourceAddress()).isEqualTo(FieldTreatment.TRUNCATE);
    assertThat(redaction.attributes()).containsEntry("user.ip_address", FieldTreatment.KEEP)
        .containsEntry("user.id", FieldTreatment.PSEUDONYMIZE);
  }

  @Test
  void unknownTreatmentIsRefusedAtItsLine() {
    String yaml = PolicyText.DEFAULT.replace("    user.email: pseudonymize", "    user.email: hash");
    int line = List.of(yaml.split("\n")).indexOf("    user.email: hash") + 1;
    PolicyException e = (PolicyException) assertThatThrownBy(() -> PolicyLoader.parse(yaml, "policy.yaml"))
        .isInstanceOf(PolicyException.class).actual();
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.path()).isEqualTo("redaction.attributes.user.email");
    assertThat(e.problem()).isEqualTo("unknown treatment 'hash' (treatments: pseudonymize, truncate, keep)");
  }
}
