package io.logwarden.ops.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logwarden.config.ConfigException;
import io.logwarden.config.ConfigLoader;
import io.logwarden.ops.TopologyHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations port of {@code run} and {@code demo}: {@code GET /metrics} (Prometheus text
 * exposition), {@code GET /health/live} and {@code GET /health/ready} (200 or 503 with a small JSON
 * body: the verdict and each topology's Kafka Streams state). Other paths are 404, other methods
 * 405. Serves nothing of the events: metrics carry bounded labels only.
 */
public final class OpsHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
  /** Prometheus text format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds the port (0: any free port) on every interface and starts serving.
   *
   * @throws IOException when the port cannot be bound
   */
  public static OpsHttpServer start(int port, PrometheusMeterRegistry metrics, Supplier<TopologyHealth.Status> health)
      throws IOException {
    return start(new InetSocketAddress(port), metrics, health);
  }

  /** Binds the address and starts serving. */
  public static OpsHttpServer start(InetSocketAddress address, PrometheusMeterRegistry metrics,
      Supplier<TopologyHealth.Status> health) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (BindException e) {
      throw new ConfigException("cannot serve metrics and health on port " + address.getPort() + ": it is in use "
          + "(set http_port, or " + ConfigLoader.HTTP_PORT_VARIABLE + "; 0 takes any free port)", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "logwarden-ops-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, metrics, health));
    server.start();
    OpsHttpServer ops = new OpsHttpServer(server, executor);
    LOG.info("Metrics and health on port {}: /metrics, /health/live, /health/ready", ops.port());
    return ops;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange, PrometheusMeterRegistry metrics,
      Supplier<TopologyHealth.Status> health) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/metrics") || path.equals("/health/live") || path.equals("/health/ready");
      if (!known) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
      } else if (path.equals("/metrics")) {
        send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
      } else {
        TopologyHealth.Status status = health.get();
        boolean up = path.equals("/health/live") ? status.live() : status.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("topologies", status.states());
        if (status.problem() != null) {
          body.put("problem", status.problem());
        }
        send(exchange, up ? 200 : 503, JSON, MAPPER.writeValueAsString(body) + "\n");
      }
    }
  }

  private static void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
