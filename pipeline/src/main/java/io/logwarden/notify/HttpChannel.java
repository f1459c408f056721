package io.logwarden.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A destination reached by an HTTP POST of a JSON body: a webhook, Slack, PagerDuty. Every request
 * carries the notification's {@code Idempotency-Key}. A 2xx answer is delivered; 408, 425, 429 and
 * 5xx, timeouts and connection errors are worth another try (with the answer's {@code Retry-After}
 * when it gives one); any other status is a refusal. The URL, the headers and the body never reach a
 * message: they may hold the destination's secret.
 */
final class HttpChannel implements Channel {

  /** How much of an error answer is read, for the short error code Slack and PagerDuty answer with. */
  static final int MAX_ERROR_BYTES = 512;
  /** The most a {@code Retry-After} is believed: an hour (a longer one parks the notification anyway). */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  /** What of an error answer may be quoted: short codes and words, nothing that could be a token or URL. */
  private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z][A-Za-z _.,'()-]{0,79}");

  private final HttpClient client;
  private final URI uri;
  private final Map<String, String> headers;
  private final Function<Notification, JsonNode> body;
  private final List<String> secrets;

  /**
   * @param uri the endpoint (a secret for Slack and webhooks: never shown)
   * @param headers extra headers, secret values included (never shown)
   * @param secrets the destination's secret values: an answer that echoes one is never quoted
   */
  HttpChannel(HttpClient client, URI uri, Map<String, String> headers, Function<Notification, JsonNode> body,
      List<String> secrets) {
    this.client = client;
    this.uri = uri;
    this.secrets = List.copyOf(secrets);
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  /** A client that never follows a redirect (a redirect would carry a secret URL's request elsewhere). */
  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Attempt send(Notification notification, Duration timeout) throws InterruptedException {
    HttpRequest request;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("User-Agent", "logwarden")
          .header(Notification.IDEMPOTENCY_HEADER, notification.idempotencyKey());
      headers.forEach(builder::header);
      request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body.apply(notification))))
          .build();
    } catch (JsonProcessingException | RuntimeException e) {
      // The config loader checks URLs and headers; this is a defect, and its message may quote them.
      return Attempt.refused("the request could not be built (" + e.getClass().getSimpleName() + ")");
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return Attempt.retryable("no answer within " + timeout.toMillis() + " ms", null);
    } catch (IOException e) {
      return Attempt.retryable("the connection failed (" + e.getClass().getSimpleName() + ")", null);
    }
    int status = response.statusCode();
    String answer = read(response, secrets);
    if (status / 100 == 2) {
      return Attempt.DELIVERED;
    }
    String problem = "HTTP " + status + (answer.isEmpty() ? "" : " " + answer);
    if (status == 408 || status == 425 || status == 429 || status / 100 == 5) {
      return Attempt.retryable(problem, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }
    return Attempt.refused(problem);
  }

  /**
   * The seconds or HTTP date of a {@code Retry-After} (RFC 9110) as a wait from now, at most an
   * hour; null when absent or unreadable.
   */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? null : min(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(java.time.Instant.now(),
            ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : min(until);
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static Duration min(Duration wait) {
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  // The first bytes of the answer, quoted only if they are a short code or words (Slack's
  // `channel_not_found`, PagerDuty's JSON `message`); the rest is drained and dropped.
  private static String read(HttpResponse<InputStream> response, List<String> secrets) {
    try (InputStream in = response.body()) {
      byte[] head = in.readNBytes(MAX_ERROR_BYTES);
      in.transferTo(OutputSink.INSTANCE);
      if (response.statusCode() / 100 == 2) {
        return "";
      }
      String text = new String(head, StandardCharsets.UTF_8).strip();
      if (text.startsWith("{")) {
        try {
          JsonNode json = JSON.readTree(text);
          text = json.path("message").asText(json.path("status").asText(""));
        } catch (IOException notJson) {
          return "";
        }
      }
      for (String secret : secrets) {
        if (!secret.isEmpty() && (text.contains(secret) || secret.contains(text))) {
          return "";
        }
      }
      return QUOTABLE.matcher(text).matches() ? "(" + text + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Discards what it is given. */
  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
