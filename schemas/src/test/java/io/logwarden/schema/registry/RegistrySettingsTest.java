package io.logwarden.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

  private static final String SECRET = "s3cr3t-Pa55";

  @Test
  void normalizesTheBaseUrlAndKeepsItsPath() {
    assertThat(RegistrySettings.of("http://registry:8081/").url()).hasToString("http://registry:8081");
    assertThat(RegistrySettings.of(" HTTPS://apicurio.example:8080/apis/ccompat/v7// ").url())
        .hasToString("https://apicurio.example:8080/apis/ccompat/v7");
    RegistrySettings defaults = RegistrySettings.of("http://registry:8081");
    assertThat(defaults.timeout()).isEqualTo(RegistrySettings.DEFAULT_TIMEOUT);
    assertThat(defaults.autoRegister()).isTrue();
    assertThat(defaults.retries()).isEqualTo(RegistrySettings.DEFAULT_RETRIES);
    assertThat(defaults.basicAuthUsername()).isEmpty();
    assertThat(defaults.bearerToken()).isEmpty();
    assertThat(defaults.tls()).isEmpty();
    assertThat(defaults).hasToString("RegistrySettings[url=http://registry:8081, auth=none, tls=JVM defaults,"
        + " timeout=10000 ms, autoRegister=true]");
  }

  @Test
  void refusesCredentialsInTheUrlWithoutShowingThem() {
    for (String url : new String[] {"https://user:" + SECRET + "@registry:8081", "https://" + SECRET + "@registry",
        "https://user:" + SECRET + "@reg istry:8081", "user:" + SECRET + "@registry:8081"}) {
      assertThatThrownBy(() -> RegistrySettings.of(url)).as(url).isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("Pa55"));
    }
    assertThatThrownBy(() -> RegistrySettings.of("https://user:" + SECRET + "@registry:8081"))
        .hasMessage("the schema registry url https://***@registry:8081 carries credentials; give them as basic auth"
            + " (username, and the password from a file or an environment variable) instead, so that no URL in a log or"
            + " message holds a password");
    assertThat(RegistrySettings.redact("https://a:b@host/x@y")).isEqualTo("https://***@host/x@y");
    assertThat(RegistrySettings.redact("a:b@host")).doesNotContain("a:b");
  }

  @Test
  void refusesWhatIsNoRegistryBaseUrl() {
    assertThatThrownBy(() -> RegistrySettings.of("")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> RegistrySettings.of("registry:8081")).hasMessageContaining("must start with http:// or https://");
    assertThatThrownBy(() -> RegistrySettings.of("ftp://registry")).hasMessageContaining("must start with http://");
    assertThatThrownBy(() -> RegistrySettings.of("http://schema_registry:8081"))
        .hasMessageContaining("names no valid host").hasMessageContaining("no '_'");
    assertThatThrownBy(() -> RegistrySettings.of("http://registry:8081/subjects?x=1"))
        .hasMessageContaining("must not have a query or fragment");
    assertThatThrownBy(() -> RegistrySettings.of("http://registry:8081/a b")).hasMessageContaining("is not a URL");
  }

  @Test
  void takesOneKindOfCredentialsAndHidesThem() {
    RegistrySettings basic = RegistrySettings.builder("https://registry:8081").basicAuth("logwarden", SECRET).build();
    assertThat(basic.basicAuthUsername()).hasValue("logwarden");
    assertThat(basic.basicAuthPassword()).hasValue(SECRET);
    assertThat(basic.toString()).contains("auth=basic (user logwarden, password hidden)").doesNotContain(SECRET);
    RegistrySettings bearer = RegistrySettings.builder("https://registry:8081").bearerToken(SECRET).build();
    assertThat(bearer.toString()).contains("auth=bearer (token hidden)").doesNotContain(SECRET);
    assertThat(bearer).isNotEqualTo(basic).isEqualTo(RegistrySettings.builder("https://registry:8081").bearerToken(SECRET).build());

    assertThatThrownBy(() -> RegistrySettings.builder("https://r").basicAuth("u", "p").bearerToken("t"))
        .hasMessageContaining("basic auth or a bearer token, not both");
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").bearerToken("t").basicAuth("u", "p"))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").basicAuth("a:b", SECRET))
        .hasMessageContaining("must not contain ':'").hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").basicAuth("u", "")).hasMessageContaining("password is empty");
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").bearerToken(SECRET + "\n"))
        .hasMessageContaining("whitespace").hasMessageNotContaining(SECRET);
  }

  @Test
  void tlsOnlyForHttpsAndItsPasswordsHidden() {
    RegistrySettings.Tls tls = RegistrySettings.Tls.truststore(Path.of("/etc/lw/trust.p12"), null, SECRET)
        .withKeystore(Path.of("/etc/lw/client.jks"), "JKS", SECRET + "2");
    assertThat(tls.truststoreType()).isEqualTo("PKCS12");
    assertThat(tls.keystoreType()).isEqualTo("JKS");
    RegistrySettings settings = RegistrySettings.builder("https://registry:8081").tls(tls).timeout(Duration.ofSeconds(3))
        .autoRegister(false).build();
    assertThat(settings.toString()).isEqualTo("RegistrySettings[url=https://registry:8081, auth=none,"
        + " tls=Tls[truststore=/etc/lw/trust.p12 (PKCS12, password hidden), keystore=/etc/lw/client.jks (JKS, password"
        + " hidden)], timeout=3000 ms, autoRegister=false]");
    assertThat(tls.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> RegistrySettings.builder("http://registry:8081").tls(tls)).hasMessageContaining("is not https");
    assertThatThrownBy(() -> new RegistrySettings.Tls(null, null, null, null, null, null))
        .hasMessageContaining("a truststore, a keystore or both");
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").timeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> RegistrySettings.builder("https://r").retries(11, Duration.ZERO)).hasMessageContaining("0 to 10");
    assertThat(settings.withTimeout(Duration.ofSeconds(1)).timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.withRetries(0, Duration.ZERO).tls()).hasValue(tls);
  }
}
