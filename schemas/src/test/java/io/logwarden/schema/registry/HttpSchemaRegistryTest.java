package io.logwarden.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpSchemaRegistry} against {@link SchemaRegistryTestServer}, a registry that implements the
 * documented REST subset (its javadoc cites Confluent's API reference, Karapace, Redpanda and Apicurio
 * Registry): registration and caching, lookup-only mode, credentials, retries, timeouts, error
 * mapping, subject encoding, and that no secret reaches a message. TLS is {@link
 * HttpSchemaRegistryTlsTest}'s.
 */
class HttpSchemaRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "pa55-w0rd:with/odd@chars";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.e30.sig-123";

  private SchemaRegistryTestServer server;

  @BeforeEach
  void start() {
    server = SchemaRegistryTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpSchemaRegistry client(RegistrySettings.Builder settings) {
    return new HttpSchemaRegistry(settings.retries(2, Duration.ofMillis(20)).build());
  }

  private HttpSchemaRegistry client() {
    return client(RegistrySettings.builder(server.url()));
  }

  @Test
  void registersEachSchemaOnceAndCachesItsId() {
    HttpSchemaRegistry registry = client();
    int alerts = registry.idFor("security.alerts-value", Alert.getClassSchema());
    assertThat(registry.idFor("security.alerts-value", Alert.getClassSchema())).isEqualTo(alerts);
    assertThat(server.requestCount("POST", "/subjects/security.alerts-value/versions")).isEqualTo(1);

    // A schema equal to the cached one (parsed anew, as another serializer would hold it) is a cache hit too.
    Schema reparsed = new Schema.Parser().parse(Alert.getClassSchema().toString());
    assertThat(registry.idFor("security.alerts-value", reparsed)).isEqualTo(alerts);
    assertThat(server.requests()).hasSize(1);

    // Another subject is another question; the registry answers the same id for the same schema.
    assertThat(registry.idFor("alerts.copy-value", Alert.getClassSchema())).isEqualTo(alerts);
    int events = registry.idFor("security.events-value", LogEvent.getClassSchema());
    assertThat(events).isNotEqualTo(alerts);
    assertThat(server.requests()).hasSize(3);
    assertThat(server.subjects()).containsOnlyKeys("security.alerts-value", "alerts.copy-value", "security.events-value");

    // A registered schema is known by its id without asking.
    assertThat(registry.schemaById(alerts)).isSameAs(Alert.getClassSchema());
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void fetchesASchemaByIdOnceAndCachesIt() {
    int id = server.register("store.sentry-value", LogEvent.getClassSchema());
    HttpSchemaRegistry registry = client();
    Schema schema = registry.schemaById(id);
    assertThat(schema).isEqualTo(LogEvent.getClassSchema());
    assertThat(schema.getFullName()).isEqualTo("io.logwarden.schema.LogEvent");
    assertThat(registry.schemaById(id)).isSameAs(schema);
    assertThat(server.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(1);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void sendsConfluentsMediaTypeAndTheSchemaWithoutASchemaType() throws IOException {
    client().idFor("logs.dlq-value", DeadLetter.getClassSchema());
    SchemaRegistryTestServer.Request request = server.requests().get(0);
    assertThat(request.header("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept")).hasValueSatisfying(accept ->
        assertThat(accept).startsWith("application/vnd.schemaregistry.v1+json"));
    assertThat(request.header("Authorization")).isEmpty();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("schema").asText()).isEqualTo(DeadLetter.getClassSchema().toString());
    // Every registry reads a schema without schemaType as Avro; older ones refuse the field.
    assertThat(body.has("schemaType")).isFalse();
  }

  @Test
  void encodesTheSubjectAsOnePathSegment() {
    String subject = "team a/odd+topic%-value";
    HttpSchemaRegistry registry = client();
    int id = registry.idFor(subject, Alert.getClassSchema());
    assertThat(server.requests().get(0).rawPath()).isEqualTo("/subjects/team%20a%2Fodd%2Btopic%25-value/versions");
    assertThat(server.subjects()).containsOnlyKeys(subject);
    assertThat(server.subjects().get(subject)).containsExactly(id);
    assertThat(HttpSchemaRegistry.encodeSegment("security.alerts-value")).isEqualTo("security.alerts-value");
  }

  @Test
  void servesAnApicurioStyleBasePath() {
    server.withBasePath("/apis/ccompat/v7");
    HttpSchemaRegistry registry = client(RegistrySettings.builder(server.url() + "/"));
    assertThat(registry.settings().url().toString()).endsWith("/apis/ccompat/v7");
    int id = registry.idFor("security.alerts-value", Alert.getClassSchema());
    assertThat(server.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/subjects/security.alerts-value/versions");
    registry.check();
    assertThat(new HttpSchemaRegistry(RegistrySettings.of(server.url())).schemaById(id)).isEqualTo(Alert.getClassSchema());
  }

  @Test
  void withoutAutoRegisterItOnlyLooksSchemasUp() {
    HttpSchemaRegistry registry = client(RegistrySettings.builder(server.url()).autoRegister(false));
    assertThatThrownBy(() -> registry.idFor("security.alerts-value", Alert.getClassSchema()))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.notFound()).isTrue();
          assertThat(e.httpStatus()).hasValue(404);
          assertThat(e.errorCode()).hasValue(40401);
        })
        .hasMessageContaining("schema registry " + server.url() + ": refused to look up the schema io.logwarden.schema.Alert"
            + " under subject 'security.alerts-value': HTTP 404, error code 40401")
        .hasMessageContaining("no such subject");
    server.register("security.alerts-value", LogEvent.getClassSchema());
    assertThatThrownBy(() -> registry.idFor("security.alerts-value", Alert.getClassSchema()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("error code 40403")
        .hasMessageContaining("auto-register is off");
    int id = server.register("security.alerts-value", Alert.getClassSchema());
    assertThat(registry.idFor("security.alerts-value", Alert.getClassSchema())).isEqualTo(id);
    assertThat(server.requestCount("POST", "/subjects/security.alerts-value")).isEqualTo(3);
    assertThat(server.requestCount("POST", "/subjects/security.alerts-value/versions")).isZero();
    assertThat(server.subjects().get("security.alerts-value")).hasSize(2);
  }

  @Test
  void sendsBasicAuthAndNamesARefusalWithoutThePassword() {
    server.requireBasicAuth("logwarden", PASSWORD);
    HttpSchemaRegistry registry = client(RegistrySettings.builder(server.url()).basicAuth("logwarden", PASSWORD));
    registry.check();
    registry.idFor("security.alerts-value", Alert.getClassSchema());
    String expected = "Basic " + Base64.getEncoder().encodeToString(("logwarden:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).hasValue(expected));

    HttpSchemaRegistry wrong = client(RegistrySettings.builder(server.url()).basicAuth("logwarden", PASSWORD + "x"));
    assertThatThrownBy(wrong::check).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.httpStatus()).hasValue(401);
      assertThat(e.notFound()).isFalse();
      assertThat(e.getMessage()).contains("refused to list its subjects: HTTP 401, error code 401: Unauthorized")
          .contains("did not accept the credentials").doesNotContain(PASSWORD).doesNotContain("pa55");
    });
    // A 401 is not retried: it fails the same way every time.
    assertThat(server.requestCount("GET", "/subjects")).isEqualTo(2);

    HttpSchemaRegistry none = client(RegistrySettings.builder(server.url()));
    assertThatThrownBy(() -> none.schemaById(1)).hasMessageContaining("HTTP 401")
        .hasMessageContaining("the registry wants credentials");
    assertThat(wrong.toString()).contains("user logwarden").contains("password hidden").doesNotContain("pa55");
  }

  @Test
  void sendsABearerToken() {
    server.requireBearerToken(TOKEN);
    HttpSchemaRegistry registry = client(RegistrySettings.builder(server.url()).bearerToken(TOKEN));
    int id = registry.idFor("security.alerts-value", Alert.getClassSchema());
    assertThat(client(RegistrySettings.builder(server.url()).bearerToken(TOKEN)).schemaById(id))
        .isEqualTo(Alert.getClassSchema());
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).hasValue("Bearer " + TOKEN));
    HttpSchemaRegistry wrong = client(RegistrySettings.builder(server.url()).bearerToken("expired-token"));
    assertThatThrownBy(() -> wrong.idFor("x-value", Alert.getClassSchema()))
        .hasMessageContaining("HTTP 401").hasMessageNotContaining("expired-token");
    assertThat(registry.toString()).contains("bearer (token hidden)").doesNotContain(TOKEN);
  }

  @Test
  void aRegistryThatIsDownFailsQuicklyWithAClearMessage() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    HttpSchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.builder(url).basicAuth("u", PASSWORD)
        .retries(2, Duration.ofMillis(50)).build());
    long started = System.nanoTime();
    assertThatThrownBy(registry::check).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.httpStatus()).isEmpty();
      assertThat(e.notFound()).isFalse();
      assertThat(e.getMessage()).startsWith("schema registry " + url + ": cannot list its subjects: cannot connect to"
          + " 127.0.0.1 port " + port).contains("is the registry running?").contains("(3 attempts in ")
          .doesNotContain("pa55");
    });
    // Two retries, 50 ms then 100 ms apart.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThatThrownBy(() -> registry.idFor("security.alerts-value", Alert.getClassSchema()))
        .hasMessageContaining("cannot register the schema io.logwarden.schema.Alert under subject"
            + " 'security.alerts-value': cannot connect to");
  }

  @Test
  void anUnknownHostIsNamed() {
    HttpSchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.builder("http://registry.invalid:8081")
        .retries(0, Duration.ZERO).timeout(Duration.ofSeconds(5)).build());
    assertThatThrownBy(registry::check).isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("schema registry http://registry.invalid:8081: cannot list its subjects: ")
        .hasMessageMatching(".*(cannot be resolved|cannot connect).*");
  }

  @Test
  void retriesServerErrorsAWhileThenFails() {
    HttpSchemaRegistry registry = client();
    server.failNext(2, 503);
    int id = registry.idFor("security.alerts-value", Alert.getClassSchema());
    assertThat(server.requestCount("POST", "/subjects/")).isEqualTo(3);
    assertThat(server.schema(id)).hasValue(Alert.getClassSchema());

    server.clearRequests();
    server.failNext(3, 500);
    assertThatThrownBy(() -> registry.schemaById(99)).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.httpStatus()).hasValue(500);
      assertThat(e.errorCode()).hasValue(50001);
      assertThat(e.getMessage()).contains("refused to fetch schema id 99: HTTP 500, error code 50001: Injected failure"
          + " (3 attempts in ");
    });
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() {
    HttpSchemaRegistry impatient = new HttpSchemaRegistry(RegistrySettings.builder(server.url())
        .timeout(Duration.ofMillis(300)).retries(0, Duration.ZERO).build());
    server.delayNext(1, Duration.ofSeconds(2));
    assertThatThrownBy(impatient::check).isInstanceOfSatisfying(RegistryException.class, e ->
        assertThat(e.getMessage()).contains("cannot list its subjects: no answer within 300 ms"));

    HttpSchemaRegistry patient = new HttpSchemaRegistry(RegistrySettings.builder(server.url())
        .timeout(Duration.ofMillis(300)).retries(1, Duration.ofMillis(10)).build());
    server.delayNext(1, Duration.ofSeconds(2));
    patient.check();
  }

  @Test
  void mapsTheRegistrysRefusals() {
    HttpSchemaRegistry registry = client();
    Schema v1 = SchemaBuilder.record("Thing").namespace("t").fields().requiredInt("a").endRecord();
    Schema incompatible = SchemaBuilder.record("Thing").namespace("t").fields().requiredString("a").endRecord();
    registry.idFor("things-value", v1);
    assertThatThrownBy(() -> registry.idFor("things-value", incompatible))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.httpStatus()).hasValue(409);
          assertThat(e.errorCode()).hasValue(409);
          assertThat(e.getMessage()).isEqualTo("schema registry " + server.url() + ": refused to register the schema t.Thing"
              + " under subject 'things-value': HTTP 409, error code 409: Schema being registered is incompatible with an"
              + " earlier schema for subject \"things-value\" (the schema is incompatible with the subject's earlier"
              + " schemas under its compatibility level)");
        });
    // Refusals are not retried, and not cached: a changed compatibility level lets the schema in.
    assertThat(server.requestCount("POST", "/subjects/things-value/versions")).isEqualTo(2);
    server.compatibility("things-value", "NONE");
    assertThat(registry.idFor("things-value", incompatible)).isPositive();

    server.replyNext(1, 422, SchemaRegistryTestServer.errorBody(42201, "Invalid schema"));
    assertThatThrownBy(() -> registry.idFor("other-value", v1)).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.errorCode()).hasValue(42201);
      assertThat(e.getMessage()).contains("HTTP 422, error code 42201: Invalid schema (the registry finds the schema invalid)");
    });

    assertThatThrownBy(() -> registry.schemaById(4711)).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.notFound()).isTrue();
      assertThat(e.getMessage()).contains("refused to fetch schema id 4711: HTTP 404, error code 40403: Schema 4711 not found");
    });
    server.replyNext(1, 403, SchemaRegistryTestServer.errorBody(40301, "User is denied operation Write on Subject: x"));
    assertThatThrownBy(() -> registry.idFor("x-value", v1)).hasMessageContaining("HTTP 403, error code 40301")
        .hasMessageContaining("the credentials lack a permission");
  }

  @Test
  void aWrongBaseUrlOrSomethingElseThanARegistryIsSaidSo() {
    server.withBasePath("/apis/ccompat/v7");
    HttpSchemaRegistry root = client(RegistrySettings.builder(server.url().replace("/apis/ccompat/v7", "")));
    assertThatThrownBy(() -> root.schemaById(1)).isInstanceOfSatisfying(RegistryException.class, e -> {
      assertThat(e.notFound()).as("a wrong URL is no unknown id").isFalse();
      assertThat(e.getMessage()).contains("HTTP 404").contains("the registry's base URL?")
          .contains("/apis/ccompat/v7");
    });
    server.replyNext(1, 200, "<html><body>Welcome to nginx!</body></html>");
    assertThatThrownBy(root::check).hasMessageContaining("answered the request to list its subjects with HTTP 200 but not"
        + " with JSON: <html><body>Welcome to nginx!</body></html>; is");
    server.replyNext(1, 200, "{\"status\": \"ok\"}");
    assertThatThrownBy(root::check).hasMessageContaining("answered GET /subjects with something other than a list of subjects");
    server.replyNext(1, 302, "");
    assertThatThrownBy(root::check).hasMessageContaining("HTTP 302").hasMessageContaining("redirects are not followed");
    server.replyNext(1, 200, "{\"schema\": \"{\\\"type\\\": \\\"record\\\", \\\"name\\\": \\\"X\\\"}\", \"schemaType\": \"PROTOBUF\"}");
    assertThatThrownBy(() -> root.schemaById(7)).hasMessageContaining("schema id 7 is a PROTOBUF schema, not Avro");
    server.replyNext(1, 200, "{\"schema\": \"{\\\"type\\\": \\\"nonsense\\\"}\"}");
    assertThatThrownBy(() -> root.schemaById(8)).hasMessageContaining("schema id 8 is not an Avro schema this reader can parse");
    server.replyNext(1, 200, "{\"version\": 1}");
    assertThatThrownBy(() -> root.idFor("a-value", Alert.getClassSchema())).hasMessageContaining("without a schema id");
  }

  @Test
  void concurrentFirstCallsAllGetTheOneId() throws Exception {
    HttpSchemaRegistry registry = client();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> registry.idFor("security.alerts-value", Alert.getClassSchema()));
      }
      Set<Integer> ids = new HashSet<>();
      for (Future<Integer> id : pool.invokeAll(calls)) {
        ids.add(id.get());
      }
      assertThat(ids).hasSize(1);
      long posts = server.requestCount("POST", "/subjects/");
      assertThat(posts).isBetween(1L, 16L);
      registry.idFor("security.alerts-value", Alert.getClassSchema());
      assertThat(server.requestCount("POST", "/subjects/")).isEqualTo(posts);
      assertThat(server.subjects().get("security.alerts-value")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
