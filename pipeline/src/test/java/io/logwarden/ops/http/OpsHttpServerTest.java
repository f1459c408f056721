package io.logwarden.ops.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.config.ConfigException;
import io.logwarden.ops.TopologyHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations port on an ephemeral port: status codes, content types, bodies. */
class OpsHttpServerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<TopologyHealth.Status> health = new AtomicReference<>(
      new TopologyHealth.Status(true, false, Map.of("normalize", "REBALANCING"), null));
  private final HttpClient client = HttpClient.newHttpClient();
  private OpsHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = OpsHttpServer.start(0, registry, health::get);
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAreThePrometheusTextOfTheRegistry() throws Exception {
    registry.counter("logwarden.records.in", "topic", "logs.raw.app", "format", "json").increment(3);
    HttpResponse<String> response = send("GET", "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(OpsHttpServer.PROMETHEUS_TEXT);
    assertThat(response.body()).contains("logwarden_records_in_total{format=\"json\",topic=\"logs.raw.app\"} 3.0");
  }

  @Test
  void healthFollowsTheTopologies() throws Exception {
    HttpResponse<String> notReady = send("GET", "/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\",\"topologies\":{\"normalize\":\"REBALANCING\"}}\n");
    assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);

    health.set(new TopologyHealth.Status(true, true, Map.of("normalize", "RUNNING"), null));
    HttpResponse<String> ready = send("GET", "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"topologies\":{\"normalize\":\"RUNNING\"}}\n");

    health.set(new TopologyHealth.Status(false, false, Map.of("normalize", "ERROR"), "normalize has failed (ERROR)"));
    HttpResponse<String> dead = send("GET", "/health/live");
    assertThat(dead.statusCode()).isEqualTo(503);
    assertThat(dead.body()).contains("\"problem\":\"normalize has failed (ERROR)\"");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/health").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(send("HEAD", "/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void aPortInUseIsAClearConfigurationError() {
    assertThatThrownBy(() -> OpsHttpServer.start(server.port(), registry, health::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port " + server.port() + ": it is in use");
  }
}
