package io.logwarden.schema.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach a Confluent-compatible schema registry: its base URL, the credentials (HTTP basic
 * auth or a bearer token, at most one), TLS stores, the timeout of a request, and whether schemas may
 * be registered or only looked up. Immutable.
 *
 * <p>The base URL is everything before {@code /subjects}: {@code https://registry:8081} for Confluent,
 * Karapace and Redpanda, {@code https://apicurio:8080/apis/ccompat/v7} for Apicurio Registry. A URL
 * that carries credentials in its user-info ({@code https://user:secret@host}) is refused: they belong
 * in {@link Builder#basicAuth}, read from a file or the environment, so that no URL printed in a log
 * or a message can hold a password. Neither {@link #toString()} nor any message of this class or of
 * {@link HttpSchemaRegistry} shows a password, token or store password.
 */
public final class RegistrySettings {

  /** The timeout of one request (and of connecting) unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Further attempts after a connection failure or a 5xx answer, unless set. */
  public static final int DEFAULT_RETRIES = 2;
  /** The wait before the first retry, doubled before each further one, unless set. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
  /** The store type of a truststore or keystore unless named. */
  public static final String DEFAULT_STORE_TYPE = "PKCS12";

  // userinfo@ right after the scheme, up to the first '/', '?' or '#': what a message must not show.
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#]*@");

  private final URI url;
  private final String username;
  private final String password;
  private final String bearerToken;
  private final Tls tls;
  private final Duration timeout;
  private final boolean autoRegister;
  private final int retries;
  private final Duration retryBackoff;

  private RegistrySettings(Builder builder) {
    this.url = builder.url;
    this.username = builder.username;
    this.password = builder.password;
    this.bearerToken = builder.bearerToken;
    this.tls = builder.tls;
    this.timeout = builder.timeout;
    this.autoRegister = builder.autoRegister;
    this.retries = builder.retries;
    this.retryBackoff = builder.retryBackoff;
  }

  /**
   * Settings for the registry at {@code url}, to be completed.
   *
   * @throws IllegalArgumentException if {@code url} is not an http or https URL, or carries
   *     credentials, a query or a fragment (the message never shows the credentials)
   */
  public static Builder builder(String url) {
    return new Builder(parseUrl(url));
  }

  /** Settings for the registry at {@code url} without credentials or TLS stores, with the defaults. */
  public static RegistrySettings of(String url) {
    return builder(url).build();
  }

  /** The base URL, without a trailing slash; it never holds credentials. */
  public URI url() {
    return url;
  }

  /** The user of HTTP basic auth, when basic auth is set. */
  public Optional<String> basicAuthUsername() {
    return Optional.ofNullable(username);
  }

  /** The password of HTTP basic auth, when basic auth is set. A secret: never log it. */
  public Optional<String> basicAuthPassword() {
    return Optional.ofNullable(password);
  }

  /** The bearer token, when one is set. A secret: never log it. */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(bearerToken);
  }

  /** The TLS stores, when set; otherwise an https registry is trusted by the JVM's default CAs. */
  public Optional<Tls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The timeout of connecting and of each request. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Whether {@link SchemaRegistry#idFor} registers a schema the subject does not hold yet (the
   * default), or only looks it up, for principals that may read the registry but not write it.
   */
  public boolean autoRegister() {
    return autoRegister;
  }

  /** Further attempts after a connection failure or a 5xx answer. */
  public int retries() {
    return retries;
  }

  /** The wait before the first retry, doubled before each further one. */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** A copy with another timeout; see {@link Builder#timeout}. */
  public RegistrySettings withTimeout(Duration timeout) {
    return toBuilder().timeout(timeout).build();
  }

  /** A copy with another retry policy; see {@link Builder#retries}. */
  public RegistrySettings withRetries(int retries, Duration backoff) {
    return toBuilder().retries(retries, backoff).build();
  }

  private Builder toBuilder() {
    Builder copy = new Builder(url);
    copy.username = username;
    copy.password = password;
    copy.bearerToken = bearerToken;
    copy.tls = tls;
    copy.timeout = timeout;
    copy.autoRegister = autoRegister;
    copy.retries = retries;
    copy.retryBackoff = retryBackoff;
    return copy;
  }

  /**
   * {@code text} as a message may show it: whatever stands between the scheme and an {@code @} (a
   * URL's user-info, which may hold a password) replaced by {@code ***}.
   */
  public static String redact(String text) {
    if (text == null) {
      return "null";
    }
    String shown = USER_INFO.matcher(text).replaceFirst("***@");
    // No scheme, yet an '@': it may still be user:password@host; show none of it.
    return shown.indexOf('@') >= 0 && !shown.contains("***@") ? "(a URL with '@', not shown)" : shown;
  }

  private static URI parseUrl(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the schema registry url is empty");
    }
    String trimmed = text.strip();
    String shown = redact(trimmed);
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      // getMessage() would quote the input, credentials and all; the reason alone does not.
      throw new IllegalArgumentException("the schema registry url " + shown + " is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("the schema registry url " + shown + " must start with http:// or https://");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the schema registry url " + shown + " carries credentials; give them as basic"
          + " auth (username, and the password from a file or an environment variable) instead, so that no URL in a"
          + " log or message holds a password");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the schema registry url " + shown + " names no valid host"
          + " (letters, digits, '-' and '.'; no '_')");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the schema registry url " + shown + " must not have a query or fragment;"
          + " give the registry's base URL (the part before /subjects)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegistrySettings that && url.equals(that.url) && Objects.equals(username, that.username)
        && Objects.equals(password, that.password) && Objects.equals(bearerToken, that.bearerToken)
        && Objects.equals(tls, that.tls) && timeout.equals(that.timeout) && autoRegister == that.autoRegister
        && retries == that.retries && retryBackoff.equals(that.retryBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, username, tls, timeout, autoRegister, retries, retryBackoff);
  }

  /** The settings with every secret hidden: the URL, the kind of credentials, the user, the stores. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RegistrySettings[url=").append(url).append(", auth=");
    if (username != null) {
      text.append("basic (user ").append(username).append(", password hidden)");
    } else if (bearerToken != null) {
      text.append("bearer (token hidden)");
    } else {
      text.append("none");
    }
    text.append(", tls=").append(tls == null ? "JVM defaults" : tls.toString());
    text.append(", timeout=").append(timeout.toMillis()).append(" ms");
    text.append(", autoRegister=").append(autoRegister);
    return text.append(']').toString();
  }

  /**
   * The TLS stores of an https registry: a truststore that holds the registry's CA (or its
   * self-signed certificate) instead of the JVM's default CAs, and a keystore with the client's
   * certificate and key for mutual TLS. Either may be absent, not both. The key's password is the
   * keystore's (as in every PKCS12 file). Passwords may be null (a truststore without integrity
   * password). {@link #toString()} hides the passwords.
   *
   * @param truststore the truststore file, or null for the JVM's default CAs
   * @param truststoreType its type, e.g. {@code PKCS12} or {@code JKS}
   * @param truststorePassword its password, or null
   * @param keystore the keystore file with the client certificate, or null for none
   * @param keystoreType its type
   * @param keystorePassword its password (also the key's), or null
   */
  public record Tls(Path truststore, String truststoreType, String truststorePassword, Path keystore,
      String keystoreType, String keystorePassword) {

    public Tls {
      if (truststore == null && keystore == null) {
        throw new IllegalArgumentException("TLS settings need a truststore, a keystore or both");
      }
      truststoreType = storeType(truststoreType);
      keystoreType = storeType(keystoreType);
    }

    /** A truststore only: the registry's CA, no client certificate. */
    public static Tls truststore(Path truststore, String type, String password) {
      return new Tls(Objects.requireNonNull(truststore, "truststore"), type, password, null, null, null);
    }

    /** A copy with a keystore holding the client's certificate and key, for mutual TLS. */
    public Tls withKeystore(Path keystore, String type, String password) {
      return new Tls(truststore, truststoreType, truststorePassword, Objects.requireNonNull(keystore, "keystore"),
          type, password);
    }

    private static String storeType(String type) {
      return type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type.strip();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("Tls[");
      if (truststore != null) {
        text.append("truststore=").append(truststore).append(" (").append(truststoreType)
            .append(truststorePassword == null ? ", no password" : ", password hidden").append(')');
      }
      if (keystore != null) {
        text.append(truststore == null ? "" : ", ").append("keystore=").append(keystore).append(" (")
            .append(keystoreType).append(keystorePassword == null ? ", no password" : ", password hidden").append(')');
      }
      return text.append(']').toString();
    }
  }

  /** Completes {@link RegistrySettings}; every setter checks its argument at once. */
  public static final class Builder {
    private final URI url;
    private String username;
    private String password;
    private String bearerToken;
    private Tls tls;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean autoRegister = true;
    private int retries = DEFAULT_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;

    private Builder(URI url) {
      this.url = url;
    }

    /**
     * HTTP basic auth (RFC 7617), e.g. a Confluent Cloud API key and secret.
     *
     * @throws IllegalArgumentException if the username is empty or holds a ':', the password is
     *     empty, or a bearer token is set
     */
    public Builder basicAuth(String username, String password) {
      if (username == null || username.isEmpty()) {
        throw new IllegalArgumentException("the schema registry's basic auth username is empty");
      }
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("the schema registry's basic auth username must not contain ':'");
      }
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("the schema registry's basic auth password is empty");
      }
      if (bearerToken != null) {
        throw new IllegalArgumentException("the schema registry takes basic auth or a bearer token, not both");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * A bearer token ({@code Authorization: Bearer ...}), e.g. an OAuth access token.
     *
     * @throws IllegalArgumentException if the token is empty, holds whitespace, or basic auth is set
     */
    public Builder bearerToken(String token) {
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("the schema registry's bearer token is empty");
      }
      if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("the schema registry's bearer token holds whitespace or control characters");
      }
      if (username != null) {
        throw new IllegalArgumentException("the schema registry takes basic auth or a bearer token, not both");
      }
      this.bearerToken = token;
      return this;
    }

    /** TLS stores; only for an https URL. */
    public Builder tls(Tls tls) {
      if (tls != null && !url.getScheme().equals("https")) {
        throw new IllegalArgumentException("TLS settings are given but the schema registry url " + url
            + " is not https");
      }
      this.tls = tls;
      return this;
    }

    /** The timeout of connecting and of each request; positive, default {@link #DEFAULT_TIMEOUT}. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the schema registry timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Whether schemas may be registered (default) or only looked up. */
    public Builder autoRegister(boolean autoRegister) {
      this.autoRegister = autoRegister;
      return this;
    }

    /**
     * Further attempts after a connection failure or a 5xx answer (0 to 10, default
     * {@link #DEFAULT_RETRIES}), the first after {@code backoff}, each next after twice the last.
     */
    public Builder retries(int retries, Duration backoff) {
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("schema registry retries must be from 0 to 10");
      }
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException("the schema registry retry backoff must not be negative");
      }
      this.retries = retries;
      this.retryBackoff = backoff;
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(this);
    }
  }
}
