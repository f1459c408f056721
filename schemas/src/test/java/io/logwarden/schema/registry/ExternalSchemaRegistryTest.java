package io.logwarden.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link HttpSchemaRegistry} against a real Confluent-compatible registry, when {@value #VARIABLE}
 * names one's base URL (without credentials); skipped otherwise, as in CI. Run by hand, e.g. with
 * Apicurio Registry 3.3.3 from Maven Central (it needs Java 21 or later):
 *
 * <pre>
 * mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all -Dtransitive=false
 * mkdir /tmp/apicurio &amp;&amp; tar xzf ~/.m2/repository/io/apicurio/apicurio-registry-app/3.3.3/apicurio-registry-app-3.3.3-all.tar.gz -C /tmp/apicurio
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18081 \
 *     -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port=19000 -jar /tmp/apicurio/quarkus-run.jar &amp;
 * LOGWARDEN_TEST_SCHEMA_REGISTRY_URL=http://127.0.0.1:18081/apis/ccompat/v7 mvn -o test -pl schemas -Dtest=ExternalSchemaRegistryTest
 * </pre>
 *
 * It starts in about 15 s with in-memory storage (its management interface would otherwise take port
 * 9000). Subjects get a random suffix, so the test can run again against the same registry.
 */
@EnabledIfEnvironmentVariable(named = ExternalSchemaRegistryTest.VARIABLE, matches = "https?://.+")
class ExternalSchemaRegistryTest {

  static final String VARIABLE = "LOGWARDEN_TEST_SCHEMA_REGISTRY_URL";

  private final RegistrySettings settings = RegistrySettings.of(System.getenv(VARIABLE));
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void registersLooksUpAndFetchesLogwardensSchemas() {
    HttpSchemaRegistry registry = new HttpSchemaRegistry(settings);
    registry.check();
    int alerts = registry.idFor("security.alerts-" + suffix + "-value", Alert.getClassSchema());
    int events = registry.idFor("security.events-" + suffix + "-value", LogEvent.getClassSchema());
    int letters = registry.idFor("logs.dlq-" + suffix + "-value", DeadLetter.getClassSchema());
    assertThat(List.of(alerts, events, letters)).doesNotHaveDuplicates();

    // Another client (no cache) is answered the same ids: registering again finds the schema.
    HttpSchemaRegistry other = new HttpSchemaRegistry(settings);
    assertThat(other.idFor("security.alerts-" + suffix + "-value", Alert.getClassSchema())).isEqualTo(alerts);
    // The same schema under another subject has the same id, as Confluent documents.
    assertThat(other.idFor("store.copy-" + suffix + "-value", Alert.getClassSchema())).isEqualTo(alerts);
    assertThat(other.schemaById(events)).isEqualTo(LogEvent.getClassSchema());
    assertThat(new HttpSchemaRegistry(settings).schemaById(alerts)).isEqualTo(Alert.getClassSchema());

    HttpSchemaRegistry lookupOnly = new HttpSchemaRegistry(RegistrySettings.builder(settings.url().toString())
        .autoRegister(false).build());
    assertThat(lookupOnly.idFor("logs.dlq-" + suffix + "-value", DeadLetter.getClassSchema())).isEqualTo(letters);
    assertThatThrownBy(() -> lookupOnly.idFor("never-" + suffix + "-value", Alert.getClassSchema()))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.notFound()).isTrue());
    assertThatThrownBy(() -> registry.schemaById(Integer.MAX_VALUE - 7))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.notFound()).isTrue());
  }
}
