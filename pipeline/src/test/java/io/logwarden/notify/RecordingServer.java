package io.logwarden.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's {@code HttpServer}) on a free loopback port that records every request
 * it is sent and answers each path as a test scripts it: 200, 429 with {@code Retry-After}, 500, a
 * refusal, or an answer later than the client waits (a timeout).
 */
public final class RecordingServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received. */
  public record Request(String path, String idempotencyKey, Map<String, List<String>> headers, String body,
      long receivedNanos, int attemptOfKey) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** An answer: the status, its headers, and how long to wait before giving it. */
  public record Answer(int status, Map<String, String> headers, long delayMillis, String body) {
    public static Answer ok() {
      return new Answer(200, Map.of(), 0, "ok");
    }

    public static Answer status(int status) {
      return new Answer(status, Map.of(), 0, "");
    }

    public static Answer status(int status, String body) {
      return new Answer(status, Map.of(), 0, body);
    }

    public static Answer tooManyRequests(int retryAfterSeconds) {
      return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), 0, "rate_limited");
    }

    public static Answer late(long delayMillis) {
      return new Answer(200, Map.of(), delayMillis, "ok");
    }
  }

  /** Decides the answer to a request: {@code attempt} is 1 for the first request with its idempotency key. */
  @FunctionalInterface
  public interface Script {
    Answer answer(String idempotencyKey, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  private RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A started server; every path answers 200 until scripted otherwise. */
  public static RecordingServer start() throws IOException {
    return new RecordingServer();
  }

  /** Scripts the answers of one path. */
  public RecordingServer on(String path, Script script) {
    scripts.put(path, script);
    return this;
  }

  /** The URL of a path, e.g. {@code http://127.0.0.1:41234/ok}. */
  public String url(String path) {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
  }

  /** Every request received, in order of arrival. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received on one path, in order of arrival. */
  public List<Request> requests(String path) {
    List<Request> matching = new ArrayList<>();
    for (Request request : requests) {
      if (request.path().equals(path)) {
        matching.add(request);
      }
    }
    return matching;
  }

  /** The idempotency keys received on one path, in order of arrival (repeats included). */
  public List<String> keys(String path) {
    return requests(path).stream().map(Request::idempotencyKey).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String key = exchange.getRequestHeaders().getFirst(Notification.IDEMPOTENCY_HEADER);
      int attempt = attempts.computeIfAbsent(path + " " + key, k -> new AtomicInteger()).incrementAndGet();
      requests.add(new Request(path, key, Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime(), attempt));
      Answer answer = scripts.getOrDefault(path, (k, n) -> Answer.ok()).answer(key, attempt);
      if (answer.delayMillis() > 0) {
        try {
          Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // The client gave up (a timeout): nothing to answer.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
