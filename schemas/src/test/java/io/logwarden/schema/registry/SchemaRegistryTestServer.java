package io.logwarden.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * A Confluent-compatible schema registry in one class, on the JDK's {@link HttpServer} (or {@link
 * HttpsServer}), for tests of the {@code avro-registry} encoding: it implements the part of the REST
 * API that a serializer and deserializer use, as these references document it.
 *
 * <ul>
 *   <li>Confluent Schema Registry API reference
 *       (https://docs.confluent.io/platform/8.4/schema-registry/develop/api.html; per endpoint in
 *       Confluent Cloud's reference: https://docs.confluent.io/cloud/current/ccloud/register/,
 *       .../look-up-schema-under-subject/, .../get-schema-only/):
 *       <ul>
 *         <li>{@code POST /subjects/{subject}/versions} registers a schema and answers {@code {"id": N}};
 *             "if the same schema is registered under a different subject, the same identifier will be
 *             returned", and registering a schema the subject already holds answers its id again.
 *             409 when the schema is incompatible with the subject's latest under its compatibility
 *             level (BACKWARD by default), 422 with error code 42201 for an invalid schema;
 *         <li>{@code POST /subjects/{subject}} looks a schema up: {@code {"subject", "id", "version",
 *             "schema"}}, or 404 with error code 40401 (subject not found) or 40403 (schema not found);
 *         <li>{@code GET /schemas/ids/{id}} answers {@code {"schema": "..."}}, or 404 with 40403;
 *         <li>{@code GET /subjects} lists the subjects; {@code GET /config} answers
 *             {@code {"compatibilityLevel": ...}};
 *         <li>requests and answers are {@code application/vnd.schemaregistry.v1+json}; errors are
 *             {@code {"error_code": N, "message": "..."}}; 401 for missing or wrong credentials.
 *       </ul>
 *   <li>Karapace (https://github.com/Aiven-Open/karapace) is "compatible with Schema Registry 6.1.1 on
 *       API level", error messages included; Redpanda's built-in registry
 *       (https://docs.redpanda.com/current/manage/schema-reg/schema-reg-api/) serves the same
 *       endpoints with basic auth.
 *   <li>Apicurio Registry serves the same API under {@code /apis/ccompat/v7} ("Confluent Schema
 *       Registry API v6, v7", base URL {@code http://host:8080/apis/ccompat/v7}:
 *       https://docs.lenses.io/latest/getting-started/connections/schemas-registries/apicurio and the
 *       Apicurio Registry user guide); {@link #withBasePath} mounts it there. Apicurio Registry 3.3.3
 *       ({@code io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all}, on Java 21 or later) answered
 *       the requests above as described, 42201 for an invalid schema and 409 for an incompatible one
 *       included.
 * </ul>
 *
 * Credentials ({@link #requireBasicAuth}, {@link #requireBearerToken}), failures to inject
 * ({@link #failNext}, {@link #delayNext}) and a record of every request ({@link #requests()}) make the
 * client's behaviour observable. Schemas are compared by their parsed form (Avro's {@code equals}),
 * as Confluent compares them by canonical form. Not thread-confined: any thread may register while
 * the server answers.
 */
public final class SchemaRegistryTestServer implements AutoCloseable {

  /** One request as the server saw it. */
  public record Request(String method, String rawPath, String path, Map<String, String> headers, String body) {
    /** A header by its name, any case. */
    public Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst();
    }
  }

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "schema-registry-test-server");
    thread.setDaemon(true);
    return thread;
  });
  private final String scheme;
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

  // The registry's state, guarded by this.
  private final List<Schema> byId = new ArrayList<>();                       // id - 1 -> schema
  private final Map<String, List<Integer>> subjects = new LinkedHashMap<>(); // subject -> ids by version
  private final Map<String, String> compatibility = new LinkedHashMap<>();
  private String basePath = "";
  private String basicAuth;
  private String bearerToken;
  private int scriptedLeft;
  private Reply scripted;
  private int delaysLeft;
  private Duration delay = Duration.ZERO;
  private int firstId = 1;

  private SchemaRegistryTestServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A registry on a free port of 127.0.0.1, plain HTTP. */
  public static SchemaRegistryTestServer start() {
    try {
      return new SchemaRegistryTestServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
          "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A registry on a free port of 127.0.0.1 over TLS with {@code context}'s certificate; with
   * {@code needClientAuth} it refuses clients without a certificate that context trusts.
   */
  public static SchemaRegistryTestServer startTls(SSLContext context, boolean needClientAuth) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters parameters = context.getDefaultSSLParameters();
          parameters.setNeedClientAuth(needClientAuth);
          params.setSSLParameters(parameters);
        }
      });
      return new SchemaRegistryTestServer(server, "https");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the API under {@code path}, e.g. {@code /apis/ccompat/v7} as Apicurio Registry does. */
  public synchronized SchemaRegistryTestServer withBasePath(String path) {
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return this;
  }

  /** Numbers schemas from {@code id} on (a registry that already holds others). */
  public synchronized SchemaRegistryTestServer withFirstId(int id) {
    firstId = id;
    return this;
  }

  /** Answers 401 unless a request carries this user and password in HTTP basic auth. */
  public synchronized SchemaRegistryTestServer requireBasicAuth(String user, String password) {
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Answers 401 unless a request carries {@code Authorization: Bearer <token>}. */
  public synchronized SchemaRegistryTestServer requireBearerToken(String token) {
    this.bearerToken = "Bearer " + token;
    return this;
  }

  /** Sets a subject's compatibility level: {@code NONE}, or {@code BACKWARD} (the default). */
  public synchronized SchemaRegistryTestServer compatibility(String subject, String level) {
    compatibility.put(subject, level);
    return this;
  }

  /**
   * Answers the next {@code count} requests with {@code status} (e.g. 503) and a registry error body
   * ({@code error_code} 50001 for a 5xx, else the status).
   */
  public void failNext(int count, int status) {
    replyNext(count, status, errorBody(status >= 500 ? 50001 : status, "Injected failure"));
  }

  /** Answers the next {@code count} requests with {@code status} and {@code body}, whatever they ask. */
  public synchronized void replyNext(int count, int status, String body) {
    this.scriptedLeft = count;
    this.scripted = new Reply(status, body);
  }

  /** A registry's error body: {@code {"error_code": code, "message": message}}. */
  public static String errorBody(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
  }

  /** Holds the answers to the next {@code count} requests for {@code delay}. */
  public synchronized void delayNext(int count, Duration delay) {
    this.delaysLeft = count;
    this.delay = delay;
  }

  /** The base URL a client is given: {@code http://127.0.0.1:PORT} and the base path. */
  public String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + basePath();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests so far had this method and a path (below the base path) starting with {@code pathPrefix}. */
  public long requestCount(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  /** Forgets the requests seen so far (not the schemas). */
  public void clearRequests() {
    requests.clear();
  }

  /** The subjects and the ids of their versions, in order. */
  public synchronized Map<String, List<Integer>> subjects() {
    Map<String, List<Integer>> copy = new LinkedHashMap<>();
    subjects.forEach((subject, ids) -> copy.put(subject, List.copyOf(ids)));
    return copy;
  }

  /** The schema of {@code id}, when registered. */
  public synchronized Optional<Schema> schema(int id) {
    int index = id - firstId;
    return index >= 0 && index < byId.size() ? Optional.of(byId.get(index)) : Optional.empty();
  }

  /**
   * Registers {@code schema} under {@code subject} directly, as another producer would have; returns
   * its id.
   */
  public synchronized int register(String subject, Schema schema) {
    int id = idOf(schema);
    subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!subjects.get(subject).contains(id)) {
      subjects.get(subject).add(id);
    }
    return id;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- the API

  private synchronized String basePath() {
    return basePath;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rawPath = exchange.getRequestURI().getRawPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
      String base = basePath();
      String path = rawPath.startsWith(base) ? rawPath.substring(base.length()) : rawPath;
      requests.add(new Request(exchange.getRequestMethod(), rawPath, decodePath(path), headers, body));
      Duration wait = takeDelay();
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Reply reply = answer(exchange.getRequestMethod(), rawPath, base, headers, body);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private synchronized Duration takeDelay() {
    if (delaysLeft > 0) {
      delaysLeft--;
      return delay;
    }
    return Duration.ZERO;
  }

  private record Reply(int status, String body) {}

  private synchronized Reply answer(String method, String rawPath, String base, Map<String, String> headers, String body) {
    if (scriptedLeft > 0) {
      scriptedLeft--;
      return scripted;
    }
    if (basicAuth != null || bearerToken != null) {
      String given = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
          .map(Map.Entry::getValue).findFirst().orElse("");
      if (!given.equals(basicAuth) && !given.equals(bearerToken)) {
        return error(401, 401, "Unauthorized");
      }
    }
    if (!rawPath.startsWith(base + "/")) {
      return error(404, 404, "HTTP 404 Not Found");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.substring(base.length() + 1).split("/", -1)) {
      segments.add(decode(segment));
    }
    try {
      if (method.equals("GET") && segments.equals(List.of("subjects"))) {
        return ok(JSON.valueToTree(subjects.keySet()));
      }
      if (method.equals("GET") && segments.equals(List.of("config"))) {
        return ok(JSON.createObjectNode().put("compatibilityLevel", "BACKWARD"));
      }
      if (method.equals("GET") && segments.size() == 3 && segments.get(0).equals("schemas") && segments.get(1).equals("ids")) {
        return schemaById(segments.get(2));
      }
      if (method.equals("POST") && segments.size() == 3 && segments.get(0).equals("subjects")
          && segments.get(2).equals("versions")) {
        return registerSchema(segments.get(1), body);
      }
      if (method.equals("POST") && segments.size() == 2 && segments.get(0).equals("subjects")) {
        return lookUp(segments.get(1), body);
      }
    } catch (IllegalArgumentException e) {
      return error(422, 42201, "Invalid schema: " + e.getMessage());
    }
    return error(404, 404, "HTTP 404 Not Found");
  }

  private Reply schemaById(String text) {
    int id;
    try {
      id = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return error(404, 404, "HTTP 404 Not Found");
    }
    Optional<Schema> schema = schema(id);
    if (schema.isEmpty()) {
      return error(404, 40403, "Schema " + id + " not found");
    }
    return ok(JSON.createObjectNode().put("schema", schema.get().toString()));
  }

  private Reply registerSchema(String subject, String body) {
    Schema schema = parseRequest(body);
    List<Integer> versions = subjects.getOrDefault(subject, List.of());
    for (int id : versions) {
      if (schema(id).orElseThrow().equals(schema)) {
        return ok(JSON.createObjectNode().put("id", id));
      }
    }
    if (!versions.isEmpty() && !compatibility.getOrDefault(subject, "BACKWARD").equals("NONE")) {
      Schema latest = schema(versions.get(versions.size() - 1)).orElseThrow();
      // BACKWARD: the new schema, as reader, reads what the latest one wrote.
      if (SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
          != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        return error(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
            + subject + "\"");
      }
    }
    return ok(JSON.createObjectNode().put("id", register(subject, schema)));
  }

  private Reply lookUp(String subject, String body) {
    Schema schema = parseRequest(body);
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      return error(404, 40401, "Subject '" + subject + "' not found.");
    }
    for (int i = 0; i < versions.size(); i++) {
      if (schema(versions.get(i)).orElseThrow().equals(schema)) {
        ObjectNode found = JSON.createObjectNode().put("subject", subject).put("version", i + 1)
            .put("id", versions.get(i)).put("schema", schema.toString());
        return ok(found);
      }
    }
    return error(404, 40403, "Schema not found");
  }

  private static Schema parseRequest(String body) {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the request is not JSON");
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new IllegalArgumentException("this registry holds Avro schemas only, not " + type);
    }
    if (!request.path("schema").isTextual()) {
      throw new IllegalArgumentException("no schema in the request");
    }
    try {
      return new Schema.Parser().parse(request.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private int idOf(Schema schema) {
    for (int i = 0; i < byId.size(); i++) {
      if (byId.get(i).equals(schema)) {
        return firstId + i;
      }
    }
    byId.add(schema);
    return firstId + byId.size() - 1;
  }

  private static Reply ok(JsonNode body) {
    return new Reply(200, body.toString());
  }

  private static Reply error(int status, int code, String message) {
    return new Reply(status, errorBody(code, message));
  }

  private static String decodePath(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/", -1)) {
      segments.add(decode(segment));
    }
    return String.join("/", segments);
  }

  /** Percent-decoding of a path segment; unlike a form, '+' stays '+'. */
  private static String decode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      int value = c == '%' && i + 2 < segment.length() ? hex(segment.substring(i + 1, i + 3)) : -1;
      if (value >= 0) {
        bytes.write(value);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(String digits) {
    try {
      return Integer.parseInt(digits, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
