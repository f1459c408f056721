package io.logwarden.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

  @Test
  void declaresTheProvidersTheValuesReferenceAndKafkaResolvesThem(@TempDir Path dir) throws Exception {
    Path secrets = Files.writeString(dir.resolve("kafka.properties"), "truststore.password=from-the-file\n");
    String path = System.getenv().keySet().stream().filter(name -> name.equals("PATH") || name.equals("HOME"))
        .findFirst().orElseThrow();
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", "localhost:9093");
    props.put("ssl.truststore.password", "${file:" + secrets + ":truststore.password}");
    // Inside a longer value, as a JAAS line holds a password.
    props.put("client.id", "client-${env:" + path + "}-end");

    Map<String, Object> declared = KafkaClientProperties.withConfigProviders(props);

    assertThat(declared).containsEntry("config.providers", "file,env")
        .containsEntry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
        .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    // What a Kafka client makes of them: the values, resolved by Kafka itself.
    AdminClientConfig resolved = new AdminClientConfig(declared);
    assertThat(resolved.getPassword("ssl.truststore.password").value()).isEqualTo("from-the-file");
    assertThat(resolved.getString("client.id")).isEqualTo("client-" + System.getenv(path) + "-end");
  }

  @Test
  void leavesAConfigThatDeclaresItsOwnProviders() {
    Map<String, Object> props = Map.of("config.providers", "vault", "config.providers.vault.class", "com.example.Vault",
        "ssl.keystore.password", "${vault:kafka:keystore}", "sasl.jaas.config", "x password=\"${env:PW}\";");
    assertThat(KafkaClientProperties.withConfigProviders(props)).isEqualTo(props);
  }

  @Test
  void declaresNothingForValuesThatOnlyLookLikeReferences() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", "localhost:9092");
    props.put("client.id", "${vault:kafka:id}"); // a provider logwarden does not declare
    props.put("ssl.keystore.password", "$ {env:PW}"); // not a reference
    props.put("ssl.key.password", "${env}"); // no key
    props.put("sasl.kerberos.service.name", null);
    assertThat(KafkaClientProperties.withConfigProviders(props)).doesNotContainKey("config.providers");
  }

  @Test
  void anEmptyAlgorithmTurnsHostnameVerificationOff() {
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("ssl.endpoint.identification.algorithm", ""))).isTrue();
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("ssl.endpoint.identification.algorithm", " "))).isTrue();
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("ssl.endpoint.identification.algorithm", "https")))
        .isFalse();
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("security.protocol", "SSL"))).isFalse();
    // A Streams prefix turns it off for one kind of client.
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("consumer.ssl.endpoint.identification.algorithm", "")))
        .isTrue();
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("producer.ssl.endpoint.identification.algorithm",
        "https"))).isFalse();
    assertThat(KafkaClientProperties.hostnameVerificationOff(Map.of("xssl.endpoint.identification.algorithm", "")))
        .isFalse();
  }
}
