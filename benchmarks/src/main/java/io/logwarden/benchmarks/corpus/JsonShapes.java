package io.logwarden.benchmarks.corpus;

import static io.logwarden.benchmarks.corpus.Vocabulary.json;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Background records of the JSON formats, each in the shape its shipper or SDK writes to Kafka
 * (the samples in {@code /corpus/mixed.txt}), filled in from a {@link Scene}.
 */
final class JsonShapes {

  private static final String ACCOUNT = "123456789012";
  private static final String POSTHOG_PROJECT_KEY = "phc_R7nX2mKp9QwLs4VtYb8ZcDe6FgHj3Ak5Ns1PqW0e";

  private JsonShapes() {}

  /** logstash-logback-encoder: local time with its offset, {@code level_value}, MDC fields. */
  static String logback(Scene s) {
    SplittableRandom r = s.random();
    StringBuilder line = new StringBuilder(400);
    line.append("{\"@timestamp\":\"").append(TimeLayouts.isoOffsetMillis(s.time()))
        .append("\",\"@version\":\"1\",\"message\":\"").append(json(s.message()))
        .append("\",\"logger_name\":\"").append(s.logger()).append("\",\"thread_name\":\"http-nio-8080-exec-")
        .append(r.nextInt(1, 40)).append("\",\"level\":\"").append(s.level()).append("\",\"level_value\":")
        .append(levelValue(s.level())).append(",\"trace_id\":\"").append(Randoms.hex(r, 32)).append("\",\"span_id\":\"")
        .append(Randoms.hex(r, 16)).append("\",\"user_id\":\"").append(s.user()).append('"');
    if (s.isError()) {
      line.append(",\"stack_trace\":\"").append(json(Vocabulary.stackTrace(s.service(), r))).append('"');
    }
    return line.append('}').toString();
  }

  /** Fluent Bit's out_kafka JSON from a tail input with the kubernetes filter. */
  static String fluentBit(Scene s) {
    String node = "ip-10-0-" + (3 + Math.abs(s.host().hashCode()) % 5) + "-17.eu-west-1.compute.internal";
    return "{\"@timestamp\":" + TimeLayouts.epochSecondsMicros(s.time()) + ",\"log\":\""
        + TimeLayouts.isoMillis(s.time()) + " " + s.level() + " [" + s.service() + "] " + json(s.message()) + "\\n\","
        + "\"stream\":\"" + (s.isError() ? "stderr" : "stdout") + "\",\"time\":\"" + TimeLayouts.isoNanos(s.time())
        + "\",\"kubernetes\":{\"pod_name\":\"" + s.host() + "\",\"namespace_name\":\"" + s.namespace() + "\","
        + "\"labels\":{\"app\":\"" + s.service() + "\"},\"host\":\"" + node + "\",\"container_name\":\"" + s.service()
        + "\",\"container_image\":\"registry.example.com/" + s.namespace() + "/" + s.service() + ":1.42.0\"}}";
  }

  /** Vector's kafka sink: a file source's line, or a kubernetes_logs source's JSON line as text. */
  static String vector(Scene s) {
    if (s.random().nextBoolean()) {
      return "{\"file\":\"/var/log/app/" + s.service() + ".log\",\"host\":\"" + s.host() + "\",\"message\":\""
          + TimeLayouts.textLog(s.time()) + " " + s.level() + "  " + s.logger() + " - " + json(s.message())
          + "\",\"source_type\":\"file\",\"timestamp\":\"" + TimeLayouts.isoMicros(s.time()) + "\"}";
    }
    String inner = "{\"level\":\"" + s.level().toLowerCase(Locale.ROOT) + "\",\"ts\":\""
        + TimeLayouts.isoMillis(s.time()) + "\",\"msg\":\"" + json(s.message()) + "\",\"user_id\":\"" + s.user()
        + "\",\"client_ip\":\"" + s.address() + "\"}";
    return "{\"kubernetes\":{\"container_name\":\"" + s.service() + "\",\"pod_name\":\"" + s.host()
        + "\",\"pod_namespace\":\"" + s.namespace() + "\",\"pod_labels\":{\"app\":\"" + s.service()
        + "\"},\"pod_node_name\":\"node-" + (1 + Math.abs(s.host().hashCode()) % 9) + "\"},\"message\":\""
        + json(inner) + "\",\"source_type\":\"kubernetes_logs\",\"stream\":\"stdout\",\"timestamp\":\""
        + TimeLayouts.isoMicros(s.time()) + "\"}";
  }

  /** Logstash's kafka output, codec json, ECS compatibility on. */
  static String logstash(Scene s) {
    String message = json(s.message());
    return "{\"@timestamp\":\"" + TimeLayouts.isoMillis(s.time()) + "\",\"@version\":\"1\",\"message\":\"" + message
        + "\",\"host\":{\"name\":\"" + s.host() + "\"},\"log\":{\"file\":{\"path\":\"/srv/" + s.service()
        + "/app.log\"}},\"event\":{\"original\":\"" + message + "\"},\"tags\":[\"" + s.service()
        + "\",\"beats_input_codec_plain_applied\"]}";
  }

  /** Filebeat's kafka output: an ECS document of an application log line. */
  static String ecs(Scene s) {
    return "{\"@timestamp\":\"" + TimeLayouts.isoMillis(s.time())
        + "\",\"@metadata\":{\"beat\":\"filebeat\",\"type\":\"_doc\","
        + "\"version\":\"8.15.0\"},\"log\":{\"offset\":" + s.random().nextInt(1_000_000)
        + ",\"file\":{\"path\":\"/var/log/" + s.service() + "/app.log\"},\"level\":\""
        + s.level().toLowerCase(Locale.ROOT) + "\"},\"message\":\"" + json(s.message())
        + "\",\"input\":{\"type\":\"filestream\"},\"ecs\":{\"version\":\"8.0.0\"},\"host\":{\"name\":\"" + s.host()
        + "\"},\"agent\":{\"type\":\"filebeat\",\"version\":\"8.15.0\",\"name\":\"" + s.host()
        + "\"},\"service\":{\"name\":\"" + s.service() + "\"},\"event\":{\"dataset\":\"" + s.service() + ".log\"}}";
  }

  /** An application's own JSON lines (zap-like field names): the generic JSON reader's. */
  static String generic(Scene s) {
    return "{\"ts\":\"" + TimeLayouts.isoMillis(s.time()) + "\",\"level\":\"" + s.level().toLowerCase(Locale.ROOT)
        + "\",\"logger\":\"" + s.service() + ".http\",\"msg\":\"" + json(s.message())
        + "\",\"caller\":\"server/handler.go:" + s.random().nextInt(20, 400) + "\",\"service\":\"" + s.service()
        + "\",\"host\":\"" + s.host() + "\",\"user\":\"" + s.user() + "\",\"client_ip\":\"" + s.address()
        + "\",\"request_id\":\"" + Randoms.uuid(s.random()) + "\"}";
  }

  /** The OpenTelemetry Collector's kafka exporter, otlp_json: one to three log records of one scope. */
  static String otlpLogs(Scene s) {
    SplittableRandom r = s.random();
    StringBuilder line = new StringBuilder(900);
    line.append("{\"resourceLogs\":[{\"resource\":{\"attributes\":[").append(attribute("service.name", s.service()))
        .append(',').append(attribute("service.version", "2.3.1")).append(',')
        .append(attribute("deployment.environment.name", "prod")).append(',').append(attribute("host.name", s.host()))
        .append("]},\"scopeLogs\":[{\"scope\":{\"name\":\"com.example.").append(s.service().replace("-", ""))
        .append("\",\"version\":\"2.3.1\"},\"logRecords\":[");
    int records = r.nextInt(1, 4);
    String trace = Randoms.hex(r, 32).toUpperCase(Locale.ROOT);
    for (int i = 0; i < records; i++) {
      Instant time = s.time().plusMillis(i);
      String level = i == 0 ? s.level() : "INFO";
      String body = i == 0 ? s.message() : Vocabulary.message("INFO", r, s.user());
      line.append(i == 0 ? "" : ",").append("{\"timeUnixNano\":\"").append(TimeLayouts.epochNanos(time))
          .append("\",\"observedTimeUnixNano\":\"").append(TimeLayouts.epochNanos(time.plusMillis(2)))
          .append("\",\"severityNumber\":").append(Vocabulary.severityNumber(level)).append(",\"severityText\":\"")
          .append(level).append("\",\"traceId\":\"").append(trace).append("\",\"spanId\":\"")
          .append(Randoms.hex(r, 16).toUpperCase(Locale.ROOT)).append("\",\"body\":{\"stringValue\":\"")
          .append(json(body))
          .append("\"},\"attributes\":[").append(attribute("enduser.id", s.user())).append(",{\"key\":\"retry.count\",")
          .append("\"value\":{\"intValue\":\"").append(r.nextInt(3)).append("\"}}]}");
    }
    return line.append("]}]}]}").toString();
  }

  /** The same exporter's metrics: a gauge and a monotonic sum of one resource. */
  static String otlpMetrics(Scene s) {
    SplittableRandom r = s.random();
    String time = TimeLayouts.epochNanos(s.time());
    String start = TimeLayouts.epochNanos(s.time().minusSeconds(60));
    return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[" + attribute("service.name", s.service()) + ","
        + attribute("host.name", s.host())
        + "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"otelcol/hostmetricsreceiver\","
        + "\"version\":\"0.110.0\"},\"metrics\":[{\"name\":\"system.cpu.utilization\",\"unit\":\"1\","
        + "\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"" + time + "\",\"asDouble\":"
        + r.nextInt(1, 99) / 100.0 + ",\"attributes\":[" + attribute("state", "user")
        + "]}]}},{\"name\":\"http.server.requests\",\"unit\":\"{request}\",\"sum\":{"
        + "\"aggregationTemporality\":2,\"isMonotonic\":true,\"dataPoints\":[{\"startTimeUnixNano\":\"" + start
        + "\",\"timeUnixNano\":\"" + time + "\",\"asInt\":\"" + r.nextInt(1, 50_000) + "\"}]}}]}]}]}";
  }

  /** Plain JSON metric points: one point, or a batch sharing its host and time. */
  static String jsonMetric(Scene s) {
    SplittableRandom r = s.random();
    String time = Long.toString(s.time().toEpochMilli());
    if (r.nextBoolean()) {
      return "{\"name\":\"queue.depth\",\"value\":" + r.nextInt(0, 5_000)
          + ",\"unit\":\"1\",\"type\":\"gauge\",\"timestamp\":" + time + ",\"host\":\"" + s.host()
          + "\",\"service\":\"" + s.service() + "\",\"tags\":{\"queue\":\"orders\",\"env\":\"prod\"}}";
    }
    return "{\"host\":\"" + s.host() + "\",\"service\":\"" + s.service() + "\",\"timestamp\":" + time
        + ",\"metrics\":[{\"name\":\"jvm.heap.used\",\"value\":" + r.nextInt(100, 4_000) * 1_048_576L
        + ",\"unit\":\"By\"},{\"name\":\"http.requests.active\",\"value\":" + r.nextInt(0, 300)
        + ",\"unit\":\"{request}\"}]}";
  }

  /** A CloudTrail log file of read-only calls (one or two records): API calls, not security events. */
  static String cloudTrailReads(Scene s) {
    SplittableRandom r = s.random();
    int records = r.nextInt(1, 3);
    StringBuilder line = new StringBuilder(800 * records).append("{\"Records\":[");
    for (int i = 0; i < records; i++) {
      String[] call = Randoms.pick(r, READ_CALLS);
      line.append(i == 0 ? "" : ",").append(cloudTrailRecord(r, s.time().plusMillis(i * 400L), s.user(), s.address(),
          call[0], call[1], call[2], true, null, null));
    }
    return line.append("]}").toString();
  }

  private static final List<String[]> READ_CALLS = List.of(
      new String[] {"ec2.amazonaws.com", "DescribeInstances",
          "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0a1b2c3d4e5f\"}]}}"},
      new String[] {"s3.amazonaws.com", "GetBucketLocation", "{\"bucketName\":\"shop-exports\"}"},
      new String[] {"sts.amazonaws.com", "GetCallerIdentity", "null"},
      new String[] {"logs.amazonaws.com", "DescribeLogGroups", "{\"limit\":50}"},
      new String[] {"lambda.amazonaws.com", "ListFunctions", "null"});

  /** A CloudTrail log file of one record. */
  static String cloudTrailFile(String record) {
    return "{\"Records\":[" + record + "]}";
  }

  /** One CloudTrail record of an IAM user's call. */
  static String cloudTrailRecord(SplittableRandom r, Instant time, String user, String address, String source,
      String name, String requestParameters, boolean readOnly, String consoleLogin, String errorMessage) {
    boolean console = consoleLogin != null;
    return "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA"
        + Randoms.of(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17) + "\",\"arn\":\"arn:aws:iam::" + ACCOUNT + ":user/"
        + user + "\",\"accountId\":\"" + ACCOUNT + "\",\"userName\":\"" + user + "\"},\"eventTime\":\""
        + TimeLayouts.isoSeconds(time) + "\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + name
        + "\",\"awsRegion\":\"" + (console ? "us-east-1" : Randoms.pick(r, "eu-west-1", "eu-central-1", "us-east-1"))
        + "\",\"sourceIPAddress\":\"" + address + "\",\"userAgent\":\""
        + (console ? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
            : "aws-cli/2.17.0 Python/3.11 Linux/6.8") + "\","
        + (errorMessage == null ? "" : "\"errorMessage\":\"" + errorMessage + "\",")
        + "\"requestParameters\":" + requestParameters + ",\"responseElements\":"
        + (console ? "{\"ConsoleLogin\":\"" + consoleLogin + "\"}" : "null")
        + (console ? ",\"additionalEventData\":{\"LoginTo\":\"https://console.aws.amazon.com/console/home\","
            + "\"MobileVersion\":\"No\","
            + "\"MFAUsed\":\"" + (r.nextBoolean() ? "Yes" : "No") + "\"}" : "")
        + ",\"requestID\":\"" + Randoms.uuid(r) + "\",\"eventID\":\"" + Randoms.uuid(r) + "\",\"readOnly\":" + readOnly
        + ",\"eventType\":\"" + (console ? "AwsConsoleSignIn" : "AwsApiCall") + "\",\"managementEvent\":true,"
        + "\"recipientAccountId\":\"" + ACCOUNT + "\",\"eventCategory\":\"Management\"}";
  }

  /** A Sentry event payload of an exception. */
  static String sentry(Scene s) {
    SplittableRandom r = s.random();
    String level = s.level().equals("WARN") ? "warning" : s.level().toLowerCase(Locale.ROOT);
    return "{\"event_id\":\"" + Randoms.hex(r, 32) + "\",\"timestamp\":" + TimeLayouts.epochSecondsMicros(s.time())
        + ",\"platform\":\"java\",\"level\":\"" + level + "\",\"logger\":\"" + s.logger() + "\",\"server_name\":\""
        + s.host() + "\",\"release\":\"" + s.service() + "@1." + r.nextInt(30, 50)
        + ".0\",\"environment\":\"production\",\"message\":{\"formatted\":\"" + json(s.message())
        + "\"},\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"" + json(s.message())
        + "\",\"module\":\"java.lang\",\"stacktrace\":{\"frames\":[{\"filename\":\"Controller.java\","
        + "\"function\":\"handle\",\"module\":\"com.example." + s.service().replace("-", "")
        + ".Controller\",\"lineno\":" + r.nextInt(20, 200)
        + ",\"in_app\":true}]},\"mechanism\":{\"type\":\"UncaughtExceptionHandler\",\"handled\":false}}]},"
        + "\"tags\":{\"region\":\"eu-west-1\"},\"user\":{\"id\":\"" + s.user() + "\",\"ip_address\":\"" + s.address()
        + "\"},\"contexts\":{\"trace\":{\"trace_id\":\"" + Randoms.hex(r, 32) + "\",\"span_id\":\""
        + Randoms.hex(r, 16)
        + "\",\"op\":\"http.server\"}},\"sdk\":{\"name\":\"sentry.java.spring-boot.jakarta\",\"version\":\"8.13.0\"}}";
  }

  /** PostHog: a capture of one event, or a batch of two. */
  static String postHog(Scene s) {
    SplittableRandom r = s.random();
    String url = "https://shop.example.com/products/" + r.nextInt(1, 20_000);
    if (r.nextInt(3) > 0) {
      String event = Randoms.pick(r, "product_viewed", "add_to_cart", "checkout_started", "checkout_completed");
      return "{\"api_key\":\"" + POSTHOG_PROJECT_KEY + "\",\"event\":\"" + event + "\",\"distinct_id\":\"" + s.user()
          + "\",\"properties\":{\"$current_url\":\"" + url + "\",\"$browser\":\""
          + Randoms.pick(r, "Chrome", "Firefox", "Safari") + "\",\"$device_type\":\"Desktop\",\"$ip\":\""
          + s.address() + "\",\"$lib\":\"posthog-node\"},\"timestamp\":\"" + TimeLayouts.isoMillis(s.time())
          + "\",\"uuid\":\"" + Randoms.uuid(r) + "\"}";
    }
    return "{\"api_key\":\"" + POSTHOG_PROJECT_KEY
        + "\",\"historical_migration\":false,\"batch\":[{\"event\":\"$pageview\","
        + "\"properties\":{\"distinct_id\":\"" + s.user() + "\",\"$current_url\":\"" + url + "\",\"$session_id\":\""
        + Randoms.uuid(r) + "\"},\"timestamp\":\"" + TimeLayouts.isoMillis(s.time())
        + "\"},{\"event\":\"$pageleave\",\"properties\":{\"distinct_id\":\"" + s.user()
        + "\",\"$current_url\":\"" + url + "\"},\"timestamp\":\"" + TimeLayouts.isoMillis(s.time().plusMillis(1))
        + "\"}]}";
  }

  /** A Langfuse ingestion batch: a trace and its generation. */
  static String langfuse(Scene s) {
    SplittableRandom r = s.random();
    String trace = "trace-" + Randoms.hex(r, 8);
    String time = TimeLayouts.isoMillis(s.time());
    String end = TimeLayouts.isoMillis(s.time().plusMillis(2));
    int input = r.nextInt(50, 900);
    int output = r.nextInt(10, 300);
    return "{\"batch\":[{\"id\":\"evt-" + Randoms.uuid(r) + "\",\"type\":\"trace-create\",\"timestamp\":\"" + time
        + "\",\"body\":{\"id\":\"" + trace + "\",\"timestamp\":\"" + time
        + "\",\"name\":\"support-chat\",\"userId\":\"" + s.user() + "\",\"sessionId\":\"sess-" + Randoms.hex(r, 6)
        + "\",\"release\":\"support-bot@0.9.3\",\"input\":{\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"Where is my order " + r.nextInt(10_000, 99_999)
        + "?\"}]},\"output\":{\"role\":\"assistant\","
        + "\"content\":\"It left the warehouse yesterday.\"},\"metadata\":{\"channel\":\"web\"},\"tags\":[\"prod\"]}},"
        + "{\"id\":\"evt-" + Randoms.uuid(r) + "\",\"type\":\"generation-create\",\"timestamp\":\"" + end
        + "\",\"body\":{\"id\":\"gen-" + Randoms.hex(r, 6) + "\",\"traceId\":\"" + trace
        + "\",\"name\":\"answer\",\"startTime\":\"" + time + "\",\"endTime\":\"" + end
        + "\",\"model\":\"gpt-4o-mini\",\"usage\":{\"input\":" + input + ",\"output\":" + output + ",\"total\":"
        + (input + output)
        + ",\"unit\":\"TOKENS\"},\"level\":\"DEFAULT\"}}],\"metadata\":{\"batch_size\":2,\"sdk_name\":\"python\","
        + "\"sdk_version\":\"2.36.0\"}}";
  }

  private static String attribute(String key, String value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + json(value) + "\"}}";
  }

  private static int levelValue(String level) {
    return switch (level) {
      case "DEBUG" -> 10_000;
      case "WARN" -> 30_000;
      case "ERROR" -> 40_000;
      default -> 20_000;
    };
  }
}
