package io.logwarden.schema.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistry} over the REST API that Confluent Schema Registry defines and Karapace,
 * Redpanda and Apicurio Registry ({@code /apis/ccompat/v7}) implement, on the JDK's HTTP client:
 *
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} with {@code {"schema": "..."}} registers a schema
 *       (or finds it already registered) and answers {@code {"id": N}};
 *   <li>{@code POST /subjects/{subject}} with the same body looks a schema up without registering
 *       it ({@link RegistrySettings#autoRegister()} false), answering {@code {"id": N, ...}};
 *   <li>{@code GET /schemas/ids/{id}} answers {@code {"schema": "..."}};
 *   <li>{@code GET /subjects} lists the subjects: {@link #check()}'s question.
 * </ul>
 *
 * The body omits {@code schemaType}: every registry reads a schema without one as Avro, and older
 * ones refuse the field. Requests and answers are {@code application/vnd.schemaregistry.v1+json};
 * subjects are percent-encoded as one path segment. A refusal ({@code {"error_code": 40403,
 * "message": "..."}}) becomes a {@link RegistryException} naming the registry's URL, the HTTP
 * status, the error code and the registry's message; no message carries a credential.
 *
 * <p>Ids are cached per (subject, schema) and schemas per id, for the life of this object: a
 * registry never changes what an id means. Schemas are compared as Avro compares them ({@link
 * Schema#equals}), which ignores documentation: two schemas that differ only in {@code doc} share
 * the id of the first, and both write and read the same bytes. Thread-safe; two threads asking the
 * same new question at once may both ask the registry, and get the same answer. Make one per
 * registry and process and share it: each holds its own HTTP client and caches.
 *
 * <p>A connection failure or a 5xx answer is retried {@link RegistrySettings#retries()} times with
 * a doubling backoff; every other refusal fails at once. Redirects are not followed, so that
 * credentials never reach another host.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

  /** The media type of Confluent's API, version 1, which every compatible registry accepts. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  // As Confluent's own client asks: its media type first, plain JSON last.
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A registry's message is cut to this many characters: it may quote a whole schema. */
  private static final int MAX_MESSAGE = 300;

  private final RegistrySettings settings;
  private final HttpClient client;
  private final String authorization;
  private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemas = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * A client of the registry {@code settings} name. Nothing is sent yet; {@link #check()} asks
   * whether the registry answers.
   *
   * @throws RegistryException if a TLS store cannot be read (missing, wrong type or password)
   */
  public HttpSchemaRegistry(RegistrySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.timeout());
    settings.tls().ifPresent(tls -> builder.sslContext(sslContext(tls)));
    this.client = builder.build();
    this.authorization = settings.basicAuthUsername()
        .map(user -> "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + settings.basicAuthPassword().orElseThrow()).getBytes(StandardCharsets.UTF_8)))
        .or(() -> settings.bearerToken().map(token -> "Bearer " + token))
        .orElse(null);
  }

  /** The settings this client was made with. */
  public RegistrySettings settings() {
    return settings;
  }

  /**
   * Asks the registry for its subjects ({@code GET /subjects}), so that a deployment whose registry
   * is unreachable, refuses the credentials or is not a schema registry at all fails at start with
   * a clear message rather than at its first record.
   *
   * @throws RegistryException saying what is wrong
   */
  public void check() {
    Answer answer = send("list its subjects", get("/subjects"));
    if (!answer.body().isArray()) {
      throw new RegistryException(prefix() + "answered GET /subjects with something other than a list of subjects;"
          + " is " + settings.url() + " a schema registry's base URL (for Apicurio Registry: .../apis/ccompat/v7)?",
          answer.status(), 0, null);
    }
  }

  @Override
  public int idFor(String subject, Schema schema) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
    String path = "/subjects/" + encodeSegment(subject) + (settings.autoRegister() ? "/versions" : "");
    String what = (settings.autoRegister() ? "register" : "look up") + " the schema " + schema.getFullName()
        + " under subject '" + subject + "'";
    Answer answer = send(what, post(path, body));
    JsonNode id = answer.body().path("id");
    if (!id.canConvertToInt() || !id.isIntegralNumber()) {
      throw new RegistryException(prefix() + "answered the request to " + what + " without a schema id",
          answer.status(), 0, null);
    }
    int value = id.intValue();
    ids.putIfAbsent(key, value);
    // The registry holds this schema (or one Avro reads as the same) under that id.
    schemas.putIfAbsent(value, schema);
    return value;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    String what = "fetch schema id " + id;
    Answer answer = send(what, get("/schemas/ids/" + id));
    String type = answer.body().path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new RegistryException(prefix() + "schema id " + id + " is a " + type + " schema, not Avro",
          answer.status(), 0, null);
    }
    JsonNode text = answer.body().path("schema");
    if (!text.isTextual()) {
      throw new RegistryException(prefix() + "answered the request to " + what + " without a schema",
          answer.status(), 0, null);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new RegistryException(prefix() + "schema id " + id + " is not an Avro schema this reader can parse: "
          + cut(e.getMessage()), answer.status(), 0, e);
    }
    Schema known = schemas.putIfAbsent(id, schema);
    return known == null ? schema : known;
  }

  // ---- requests

  private record Answer(int status, JsonNode body) {}

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, JsonNode body) {
    return request(path).header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path))
        .timeout(settings.timeout())
        .header("Accept", ACCEPT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  /**
   * Sends {@code request}, retrying connection failures and 5xx answers, and reads a 2xx answer's
   * JSON.
   *
   * @param what the request in words, for messages: {@code register the schema ... under subject 'x'}
   */
  private Answer send(String what, HttpRequest request) {
    long started = System.nanoTime();
    int attempts = settings.retries() + 1;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempt < attempts && retriable(e)) {
          pause(attempt, what);
          continue;
        }
        throw new RegistryException(prefix() + "cannot " + what + ": " + describe(e) + tries(attempt, started),
            0, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(prefix() + "interrupted while trying to " + what, e);
      }
      int status = response.statusCode();
      if (status >= 500 && attempt < attempts) {
        pause(attempt, what);
        continue;
      }
      if (status >= 200 && status < 300) {
        return new Answer(status, json(what, status, response.body()));
      }
      throw refusal(what, status, response.body(), status >= 500 ? tries(attempt, started) : "");
    }
  }

  private static boolean retriable(IOException e) {
    // A TLS handshake that failed over a certificate fails the same way every time.
    return !(e instanceof SSLHandshakeException);
  }

  private void pause(int attempt, String what) {
    long millis = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(prefix() + "interrupted while waiting to retry: " + what, e);
    }
  }

  private static String tries(int attempts, long startedNanos) {
    if (attempts == 1) {
      return "";
    }
    long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    return " (" + attempts + " attempts in " + millis + " ms)";
  }

  private JsonNode json(String what, int status, String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || node.isMissingNode()) {
        throw new RegistryException(prefix() + "answered the request to " + what + " with an empty body",
            status, 0, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RegistryException(prefix() + "answered the request to " + what + " with HTTP " + status
          + " but not with JSON: " + cut(body) + "; is " + settings.url() + " a schema registry's base URL?",
          status, 0, null);
    }
  }

  private RegistryException refusal(String what, int status, String body, String tries) {
    int code = 0;
    String message = null;
    try {
      JsonNode error = JSON.readTree(body == null ? "" : body);
      if (error != null && error.isObject()) {
        code = error.path("error_code").asInt(0);
        // Confluent's "message"; a framework's own error page (a wrong path) has "detail" or "title".
        for (String field : new String[] {"message", "detail", "title", "error"}) {
          if (message == null && error.path(field).isTextual()) {
            message = error.path(field).asText();
          }
        }
      }
    } catch (JsonProcessingException e) {
      // Not JSON (a proxy's page, a plain-text error): quoted as text below.
    }
    if (message == null && body != null && !body.isBlank()) {
      message = body;
    }
    StringBuilder text = new StringBuilder(prefix()).append("refused to ").append(what)
        .append(": HTTP ").append(status);
    if (code != 0) {
      text.append(", error code ").append(code);
    }
    if (message != null) {
      text.append(": ").append(cut(message));
    }
    text.append(tries);
    String hint = hint(status, code);
    if (!hint.isEmpty()) {
      text.append(" (").append(hint).append(')');
    }
    return new RegistryException(text.toString(), status, code, null);
  }

  private String hint(int status, int code) {
    return switch (status) {
      case 401 -> settings.basicAuthUsername().isPresent() || settings.bearerToken().isPresent()
          ? "the registry did not accept the credentials" : "the registry wants credentials: basic auth or a bearer token";
      case 403 -> "the credentials lack a permission this needs";
      case 404 -> switch (code) {
        case 40401 -> "no such subject";
        case 40403 -> settings.autoRegister() ? "no such schema" : "the schema is not registered under the subject, and"
            + " auto-register is off: register it, or turn auto-register on";
        default -> "is " + settings.url() + " the registry's base URL? For Apicurio Registry it ends in /apis/ccompat/v7";
      };
      case 409 -> "the schema is incompatible with the subject's earlier schemas under its compatibility level";
      case 422 -> "the registry finds the schema invalid";
      default -> status >= 300 && status < 400 ? "redirects are not followed; give the registry's final URL" : "";
    };
  }

  private String prefix() {
    return "schema registry " + settings.url() + ": ";
  }

  /** {@code text} on one line and at most {@value #MAX_MESSAGE} characters. */
  private static String cut(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
  }

  private String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "the host " + settings.url().getHost() + " cannot be resolved";
      }
      if (t instanceof SSLHandshakeException || (t instanceof SSLException && t.getMessage() != null)) {
        return "the TLS handshake failed: " + cut(t.getMessage())
            + (settings.tls().isEmpty() ? "; if the registry's certificate is not signed by a public CA, give a truststore"
                : "; check the truststore (and the keystore, if the registry wants a client certificate)");
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection within " + settings.timeout().toMillis() + " ms";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer within " + settings.timeout().toMillis() + " ms";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "cannot connect to " + settings.url().getHost() + " port " + port() + " (connection refused or"
            + " unreachable; is the registry running?)";
      }
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + cut(e.getMessage()));
  }

  private int port() {
    URI url = settings.url();
    return url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
  }

  /** {@code text} percent-encoded as one path segment: {@code /}, space and {@code +} included. */
  static String encodeSegment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- TLS

  private SSLContext sslContext(RegistrySettings.Tls tls) {
    try {
      TrustManagerFactory trust = null;
      if (tls.truststore() != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("truststore", tls.truststore(), tls.truststoreType(), tls.truststorePassword()));
      }
      KeyManagerFactory keys = null;
      if (tls.keystore() != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] password = tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
        keys.init(load("keystore", tls.keystore(), tls.keystoreType(), tls.keystorePassword()), password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new RegistryException(prefix() + "cannot set up TLS: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + cut(e.getMessage())), e);
    }
  }

  private KeyStore load(String what, Path file, String type, String password) {
    KeyStore store;
    try {
      store = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
    } catch (GeneralSecurityException e) {
      throw new RegistryException(prefix() + "the " + what + " type " + type + " is unknown (PKCS12 or JKS)", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (NoSuchFileException e) {
      throw new RegistryException(prefix() + "cannot read the " + what + " " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new RegistryException(prefix() + "cannot read the " + what + " " + file + ": permission denied", e);
    } catch (IOException | GeneralSecurityException e) {
      // The password is wrong, or the file is no such store; KeyStore's messages name no secret.
      throw new RegistryException(prefix() + "cannot read the " + what + " " + file + " as " + type
          + ": wrong password, or not a " + type + " file (" + cut(String.valueOf(e.getMessage())) + ")", e);
    }
  }

  /** The registry's URL and the settings, secrets hidden. */
  @Override
  public String toString() {
    return "HttpSchemaRegistry[" + settings + "]";
  }
}
