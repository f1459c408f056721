package io.logwarden.config;

import io.logwarden.policy.DurationSyntax;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.YamlLineLocator;
import io.logwarden.policy.YamlPath;
import io.logwarden.schema.registry.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code schema_registry:} section of {@code logwarden.yaml}: the Confluent-compatible registry
 * that topics with the {@code avro-registry} encoding register their schemas in.
 *
 * <pre>
 * schema_registry:
 *   url: https://registry.example:8081     # Apicurio: https://host:8080/apis/ccompat/v7
 *   basic_auth:                            # or bearer:, not both
 *     username: logwarden
 *     password_file: /etc/logwarden/schema-registry/password   # or password_env: VARIABLE
 *   bearer:
 *     token_file: /var/run/secrets/registry/token              # or token_env: VARIABLE
 *   tls:                                   # https only; both stores optional
 *     truststore: /etc/logwarden/schema-registry/truststore.p12
 *     truststore_type: PKCS12              # default PKCS12; or JKS
 *     truststore_password_file: ...        # or truststore_password_env; none: no password
 *     keystore: /etc/logwarden/schema-registry/keystore.p12    # client certificate (mutual TLS)
 *     keystore_type: PKCS12
 *     keystore_password_file: ...          # or keystore_password_env
 *   timeout: 10s                           # per request and to connect; ms, s or m
 *   auto_register: true                    # false: only look schemas up
 * </pre>
 *
 * {@value #URL_VARIABLE} sets or overrides the URL. Relative paths are relative to the config file.
 * Secrets are never in the file, only the file or environment variable that holds them; a URL with
 * credentials in it is refused. Every refusal names the file, the line and the key.
 */
final class SchemaRegistryConfig {

  /** Environment variable that sets {@code schema_registry.url}. */
  static final String URL_VARIABLE = "LOGWARDEN_SCHEMA_REGISTRY_URL";

  private static final List<String> TIMEOUT_UNITS = List.of("ms", "s", "m");

  /** The section as written. */
  record Section(String url, BasicAuth basicAuth, Bearer bearer, Tls tls, String timeout, Boolean autoRegister) {}

  record BasicAuth(String username, String passwordFile, String passwordEnv) {}

  record Bearer(String tokenFile, String tokenEnv) {}

  record Tls(String truststore, String truststoreType, String truststorePasswordFile, String truststorePasswordEnv,
      String keystore, String keystoreType, String keystorePasswordFile, String keystorePasswordEnv) {}

  private static final YamlPath ROOT = YamlPath.root().key("schema_registry");

  private final Path configFile;
  private final String sourceName;
  private final YamlLineLocator locator;
  private final Map<String, String> env;

  private SchemaRegistryConfig(Path configFile, String sourceName, YamlLineLocator locator, Map<String, String> env) {
    this.configFile = configFile;
    this.sourceName = sourceName;
    this.locator = locator;
    this.env = env;
  }

  /**
   * The registry settings of {@code section} (null when the file has none) and the environment.
   *
   * @throws ConfigException naming the file, the line and the key of what is wrong
   */
  static Optional<RegistrySettings> settings(Section section, Path configFile, String sourceName, YamlLineLocator locator,
      Map<String, String> env) {
    return new SchemaRegistryConfig(configFile, sourceName, locator, env).read(section);
  }

  private Optional<RegistrySettings> read(Section section) {
    String urlFromEnv = env.get(URL_VARIABLE);
    boolean envUrl = urlFromEnv != null && !urlFromEnv.isBlank();
    if (section == null && !envUrl) {
      return Optional.empty();
    }
    Section written = section == null ? new Section(null, null, null, null, null, null) : section;
    String url = envUrl ? urlFromEnv : written.url();
    if (url == null || url.isBlank()) {
      throw refusal(ROOT, "url is required (the registry's base URL, e.g. https://registry:8081; for Apicurio"
          + " Registry https://host:8080/apis/ccompat/v7), or set " + URL_VARIABLE);
    }
    RegistrySettings.Builder builder;
    try {
      builder = RegistrySettings.builder(url);
    } catch (IllegalArgumentException e) {
      // RegistrySettings' messages never show a URL's credentials.
      throw envUrl ? new ConfigException(URL_VARIABLE + ": " + e.getMessage()) : refusal(ROOT.key("url"), e.getMessage());
    }
    if (written.basicAuth() != null && written.bearer() != null) {
      throw refusal(ROOT.key("bearer"), "give basic_auth or bearer, not both");
    }
    if (written.basicAuth() != null) {
      YamlPath at = ROOT.key("basic_auth");
      BasicAuth auth = written.basicAuth();
      if (auth.username() == null || auth.username().isBlank()) {
        throw refusal(at, "username is required");
      }
      String password = secret(at, "password", auth.passwordFile(), auth.passwordEnv(), "the schema registry password");
      try {
        builder.basicAuth(auth.username(), password);
      } catch (IllegalArgumentException e) {
        throw refusal(at.key("username"), e.getMessage());
      }
    }
    if (written.bearer() != null) {
      YamlPath at = ROOT.key("bearer");
      String token = secret(at, "token", written.bearer().tokenFile(), written.bearer().tokenEnv(),
          "the schema registry bearer token");
      try {
        builder.bearerToken(token);
      } catch (IllegalArgumentException e) {
        throw refusal(at, e.getMessage());
      }
    }
    if (written.tls() != null) {
      try {
        builder.tls(tls(written.tls()));
      } catch (IllegalArgumentException e) {
        throw refusal(ROOT.key("tls"), e.getMessage());
      }
    }
    if (written.timeout() != null) {
      try {
        builder.timeout(DurationSyntax.parse(written.timeout(), TIMEOUT_UNITS, false));
      } catch (IllegalArgumentException e) {
        throw refusal(ROOT.key("timeout"), e.getMessage() + "; a timeout is a whole number with a unit, e.g. 10s or 500ms");
      }
    }
    if (written.autoRegister() != null) {
      builder.autoRegister(written.autoRegister());
    }
    return Optional.of(builder.build());
  }

  private RegistrySettings.Tls tls(Tls tls) {
    YamlPath at = ROOT.key("tls");
    if (tls.truststore() == null && tls.keystore() == null) {
      throw refusal(at, "give a truststore (the registry's CA), a keystore (a client certificate) or both;"
          + " without tls: the JVM's default CAs are trusted");
    }
    Path truststore = null;
    String truststorePassword = null;
    if (tls.truststore() != null) {
      truststore = store(at.key("truststore"), tls.truststore());
      storeType(at.key("truststore_type"), tls.truststoreType());
      truststorePassword = optionalSecret(at, "truststore_password", tls.truststorePasswordFile(),
          tls.truststorePasswordEnv(), "the schema registry truststore password");
    } else if (tls.truststoreType() != null || tls.truststorePasswordFile() != null || tls.truststorePasswordEnv() != null) {
      throw refusal(at, "truststore_type and truststore_password_* need a truststore");
    }
    RegistrySettings.Tls result = truststore == null ? null
        : RegistrySettings.Tls.truststore(truststore, tls.truststoreType(), truststorePassword);
    if (tls.keystore() != null) {
      Path keystore = store(at.key("keystore"), tls.keystore());
      storeType(at.key("keystore_type"), tls.keystoreType());
      String keystorePassword = optionalSecret(at, "keystore_password", tls.keystorePasswordFile(),
          tls.keystorePasswordEnv(), "the schema registry keystore password");
      result = result == null ? new RegistrySettings.Tls(null, null, null, keystore, tls.keystoreType(), keystorePassword)
          : result.withKeystore(keystore, tls.keystoreType(), keystorePassword);
    } else if (tls.keystoreType() != null || tls.keystorePasswordFile() != null || tls.keystorePasswordEnv() != null) {
      throw refusal(at, "keystore_type and keystore_password_* need a keystore");
    }
    return result;
  }

  private Path store(YamlPath at, String written) {
    Path file = resolve(written);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw refusal(at, file + " does not exist or is not a readable file");
    }
    return file;
  }

  private void storeType(YamlPath at, String type) {
    if (type == null) {
      return;
    }
    try {
      KeyStore.getInstance(type.strip().toUpperCase(Locale.ROOT));
    } catch (KeyStoreException e) {
      throw refusal(at, PolicyException.quote(type) + " is not a store type of this Java runtime (PKCS12 or JKS)");
    }
  }

  /** A secret given as {@code <name>_file} or {@code <name>_env}, exactly one of them. */
  private String secret(YamlPath at, String name, String file, String variable, String what) {
    String value = optionalSecret(at, name, file, variable, what);
    if (value == null) {
      throw refusal(at, "give " + name + "_file (a mounted Secret) or " + name + "_env (an environment variable);"
          + " the " + name + " itself is never written in the config file");
    }
    return value;
  }

  private String optionalSecret(YamlPath at, String name, String file, String variable, String what) {
    if (file != null && variable != null) {
      throw refusal(at, "give " + name + "_file or " + name + "_env, not both");
    }
    try {
      if (file != null) {
        return ConfigSecrets.fromFile(resolve(file), what);
      }
      if (variable != null) {
        return ConfigSecrets.fromEnvironment(env, variable, what);
      }
    } catch (IllegalArgumentException e) {
      throw refusal(at.key(name + (file != null ? "_file" : "_env")), e.getMessage());
    }
    return null;
  }

  private Path resolve(String path) {
    Path candidate = Path.of(path);
    if (candidate.isAbsolute()) {
      return candidate;
    }
    Path parent = configFile.toAbsolutePath().getParent();
    return parent == null ? candidate : parent.resolve(candidate);
  }

  private ConfigException refusal(YamlPath path, String problem) {
    return new ConfigException(PolicyException.format(sourceName, locator.lineOf(path), path.toString(), problem));
  }
}
