package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each shared JSON sample, detected and mapped as a consumer of its raw topic would see it. */
class JsonSampleTest {

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);

  private RecordNormalizer.Result whole(String file) {
    return Samples.normalize(normalizer, Samples.record(file));
  }

  private RecordNormalizer.Result line(String file, int index) {
    return Samples.normalize(normalizer, Samples.lines(file).get(index));
  }

  private static LogEvent only(RecordNormalizer.Result result) {
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  @Test
  void fluentBitLinesWithKubernetesMetadata() {
    assertThat(Samples.lines("fluentbit_kafka_json.jsonl")).hasSize(2);
    RecordNormalizer.Result first = line("fluentbit_kafka_json.jsonl", 0);
    assertThat(first.format()).isEqualTo("json-fluentbit");
    LogEvent error = only(first);
    // The numeric @timestamp (epoch seconds as a double) to the microsecond.
    assertThat(error.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:05:23.518412Z"));
    assertThat(error.getMessage()).startsWith("2026-07-22T09:45:23.518Z ERROR [orders-api] payment failed")
        .doesNotEndWith("\n");
    assertThat(error.getSeverityNumber()).isEqualTo(17);
    assertThat(error.getSeverityText()).isEqualTo("ERROR");
    assertThat(error.getSource().getHost()).isEqualTo("ip-10-0-3-17.eu-west-1.compute.internal");
    assertThat(error.getCategory()).isEqualTo(Category.APPLICATION);
    assertThat(error.getAttributes())
        .containsEntry("kubernetes.pod_name", "orders-api-7d9f8b6c5-x2k9p")
        .containsEntry("kubernetes.namespace_name", "shop")
        .containsEntry("kubernetes.container_name", "orders-api")
        .containsEntry("kubernetes.labels.app", "orders-api")
        .containsEntry("stream", "stderr")
        .containsEntry("time", "2026-07-22T09:45:23.518412345Z")
        .doesNotContainKeys("kubernetes.host", "log", "@timestamp");
    assertThat(error.getFlags()).isEmpty();

    RecordNormalizer.Result second = line("fluentbit_kafka_json.jsonl", 1);
    assertThat(second.format()).isEqualTo("json-fluentbit");
    LogEvent info = only(second);
    assertThat(info.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:05:24.002113Z"));
    assertThat(info.getSeverityNumber()).isEqualTo(9);
    assertThat(info.getMessage())
        .isEqualTo("INFO  Started OrdersApplication in 4.21 seconds (process running for 4.9)");
  }

  @Test
  void vectorFileAndKubernetesLines() {
    List<byte[]> lines = Samples.lines("vector_kafka_json.jsonl");
    assertThat(lines).hasSize(3);

    RecordNormalizer.Result billing = line("vector_kafka_json.jsonl", 0);
    assertThat(billing.format()).isEqualTo("json-vector");
    LogEvent warn = only(billing);
    assertThat(warn.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:46:01.340512Z"));
    assertThat(warn.getSource().getHost()).isEqualTo("billing-vm-03");
    assertThat(warn.getSeverityNumber()).isEqualTo(13);
    assertThat(warn.getAttributes())
        .containsEntry("file", "/var/log/app/billing.log")
        .containsEntry("source_type", "file");

    LogEvent access = only(line("vector_kafka_json.jsonl", 1));
    assertThat(access.getSource().getHost()).isEqualTo("edge-01");
    assertThat(access.getSeverityNumber()).isNull();
    assertThat(access.getMessage()).startsWith("203.0.113.42 - alice");

    // The application's own JSON line inside Vector's message: its fields win over the wrapper's.
    RecordNormalizer.Result auth = line("vector_kafka_json.jsonl", 2);
    assertThat(auth.format()).isEqualTo("json-vector");
    LogEvent login = only(auth);
    assertThat(login.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:46:03.120Z"));
    assertThat(login.getMessage()).isEqualTo("login succeeded");
    assertThat(login.getSeverityNumber()).isEqualTo(9);
    assertThat(login.getActor().getUser()).isEqualTo("u_1842");
    assertThat(login.getSource().getAddress()).isEqualTo("198.51.100.23");
    assertThat(login.getSource().getHost()).isEqualTo("node-7");
    assertThat(login.getAttributes())
        .containsEntry("mfa", "true")
        .containsEntry("kubernetes.pod_namespace", "iam")
        .containsEntry("source_type", "kubernetes_logs")
        .doesNotContainKey("message");
  }

  @Test
  void filebeatEcsDocument() {
    RecordNormalizer.Result result = whole("filebeat_ecs_kafka.json");
    assertThat(result.format()).isEqualTo("json-ecs");
    LogEvent event = only(result);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:47:10.412Z"));
    assertThat(event.getSource().getHost()).isEqualTo("bastion-1");
    assertThat(event.getMessage()).contains("Failed password for invalid user admin from 192.0.2.77");
    // The message is a whole auth.log line: read as syslog, it is sshd's failed sign-in.
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(io.logwarden.schema.Outcome.FAILURE);
    assertThat(event.getSource().getAddress()).isEqualTo("192.0.2.77");
    // Reading host.name keeps the rest of host.
    assertThat(event.getAttributes())
        .containsEntry("log.file.path", "/var/log/auth.log")
        .containsEntry("log.offset", "88213")
        .containsEntry("agent.type", "filebeat")
        .containsEntry("@metadata.beat", "filebeat")
        .containsEntry("event.dataset", "system.auth")
        .containsEntry("host.os.kernel", "6.8.0-1012-aws")
        .containsEntry("host.ip", "[\"10.0.1.5\",\"fe80::8ff:fe12:3456\"]")
        .containsEntry("fields.env", "prod")
        .doesNotContainKey("host.name");
    assertThat(event.getFlags()).isEmpty();
  }

  @Test
  void logstashDocument() {
    RecordNormalizer.Result result = whole("logstash_kafka_json.json");
    assertThat(result.format()).isEqualTo("json-logstash");
    LogEvent event = only(result);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:48:00.815Z"));
    assertThat(event.getSource().getHost()).isEqualTo("ls-worker-2");
    assertThat(event.getMessage()).startsWith("user bob@example.org changed password");
    assertThat(event.getAttributes())
        .containsEntry("tags", "[\"legacy\",\"_grokparsefailure\"]")
        .containsEntry("log.file.path", "/srv/legacy/app.log")
        // event.original only repeats the message.
        .doesNotContainKey("event.original");
  }

  @Test
  void logbackEncoderLines() {
    RecordNormalizer.Result first = line("java_logback_json.jsonl", 0);
    assertThat(first.format()).isEqualTo("json-logback");
    LogEvent info = only(first);
    assertThat(info.getEventTime()).isEqualTo(Instant.parse("2026-07-22T07:49:12.004Z"));
    assertThat(info.getSeverityNumber()).isEqualTo(9);
    assertThat(info.getActor().getProcess()).isEqualTo("com.example.sync.PartnerClient");
    assertThat(info.getActor().getUser()).isEqualTo("u_1842");
    assertThat(info.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(info.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(info.getAttributes()).containsEntry("thread_name", "http-nio-8080-exec-4")
        .doesNotContainKeys("level_value", "logger_name", "trace_id", "user_id");
    assertThat(info.getError()).isNull();

    RecordNormalizer.Result second = line("java_logback_json.jsonl", 1);
    assertThat(second.format()).isEqualTo("json-logback");
    LogEvent error = only(second);
    assertThat(error.getEventTime()).isEqualTo(Instant.parse("2026-07-22T07:49:13.250Z"));
    assertThat(error.getSeverityNumber()).isEqualTo(17);
    assertThat(error.getActor().getProcess()).isEqualTo("com.example.orders.OrderService");
    assertThat(error.getError().getType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.getError().getMessage()).isEqualTo("AWS call failed with key AKIAQ3EGTK7ZX5R2WJ4M");
    assertThat(error.getError().getStack())
        .startsWith("java.lang.IllegalStateException: AWS call failed")
        .contains("\tat com.example.orders.OrderService.process(OrderService.java:118)");
    assertThat(error.getSpanId()).isEqualTo("a2fb4a1d1a96d312");
    assertThat(error.getAttributes()).containsEntry("thread_name", "http-nio-8080-exec-7");
  }

  @Test
  void otlpJsonLogs() {
    RecordNormalizer.Result result = whole("otel_kafka_otlp_json.json");
    assertThat(result.format()).isEqualTo("otlp-json-logs");
    LogEvent event = only(result);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:09:10.123Z"));
    assertThat(event.getSeverityNumber()).isEqualTo(17);
    assertThat(event.getSeverityText()).isEqualTo("ERROR");
    assertThat(event.getMessage()).isEqualTo("charge declined for customer jane.doe@example.com from 203.0.113.9");
    assertThat(event.getActor().getService()).isEqualTo("checkout");
    assertThat(event.getActor().getUser()).isEqualTo("u_1842");
    assertThat(event.getSource().getHost()).isEqualTo("checkout-6f7c9-abcde");
    // Upper-case hex on the wire; W3C ids are lower case.
    assertThat(event.getTraceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(event.getSpanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(event.getError().getType()).isEqualTo("PaymentDeclinedException");
    assertThat(event.getAttributes())
        .containsEntry("resource.service.version", "2.3.1")
        .containsEntry("resource.deployment.environment.name", "prod")
        .containsEntry("scope.name", "com.example.checkout")
        .containsEntry("event.name", "payment.declined")
        .containsEntry("retry.count", "2")
        .containsEntry("http.request.header.authorization", "Basic c3ZjX3VzZXI6UzNjcjN0UGFzc3cwcmQ=")
        .doesNotContainKeys("exception.type", "resource.service.name", "resource.host.name");
    assertThat(event.getFlags()).isEmpty();
  }

  @Test
  void cloudTrailFile() {
    RecordNormalizer.Result result = whole("cloudtrail_records.json");
    assertThat(result.format()).isEqualTo("cloudtrail");
    assertThat(result.events()).hasSize(2);

    LogEvent login = result.events().get(0);
    assertThat(login.getEventId()).isEqualTo("3fcfb2b4-5b0e-4c1e-9d7a-2f6f1d7e8a90");
    assertThat(login.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:50:31Z"));
    assertThat(login.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(login.getAction()).isEqualTo("sign_in");
    assertThat(login.getOutcome()).isEqualTo(Outcome.FAILURE);
    assertThat(login.getActor().getUser()).isEqualTo("jane");
    assertThat(login.getActor().getService()).isEqualTo("signin.amazonaws.com");
    assertThat(login.getSource().getAddress()).isEqualTo("198.51.100.23");
    assertThat(login.getError()).isNull();
    assertThat(login.getAttributes())
        .containsEntry("awsRegion", "us-east-1")
        .containsEntry("eventName", "ConsoleLogin")
        .containsEntry("userIdentity.type", "IAMUser")
        .containsEntry("userIdentity.arn", "arn:aws:iam::123456789012:user/jane")
        .containsEntry("recipientAccountId", "123456789012")
        .containsEntry("errorMessage", "Failed authentication")
        .containsEntry("additionalEventData.MFAUsed", "No")
        .containsKey("userAgent");

    LogEvent createKey = result.events().get(1);
    assertThat(createKey.getEventId()).isEqualTo("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e");
    assertThat(createKey.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:51:02Z"));
    assertThat(createKey.getCategory()).isEqualTo(Category.SECURITY);
    assertThat(createKey.getAction()).isEqualTo("admin_action");
    assertThat(createKey.getOutcome()).isEqualTo(Outcome.SUCCESS);
    // An assumed role acts as the role that issued the session.
    assertThat(createKey.getActor().getUser()).isEqualTo("ci-deployer");
    assertThat(createKey.getActor().getService()).isEqualTo("iam.amazonaws.com");
    assertThat(createKey.getSource().getAddress()).isEqualTo("10.0.5.12");
    assertThat(createKey.getTarget().getKind()).isEqualTo("user");
    assertThat(createKey.getTarget().getName()).isEqualTo("svc-reporting");
    assertThat(createKey.getAttributes())
        .containsEntry("userIdentity.type", "AssumedRole")
        .containsEntry("requestParameters.userName", "svc-reporting")
        .containsEntry("userIdentity.sessionContext.sessionIssuer.arn", "arn:aws:iam::123456789012:role/ci-deployer");
  }

  @Test
  void sentryEvent() {
    RecordNormalizer.Result result = whole("sentry_event.json");
    assertThat(result.format()).isEqualTo("sentry");
    LogEvent event = only(result);
    assertThat(event.getEventId()).isEqualTo("fc6d8c0c43fc4630ad850ee518f1b9d0");
    // Float epoch seconds, exact to the millisecond.
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:15:01.412Z"));
    assertThat(event.getCategory()).isEqualTo(Category.APPLICATION);
    assertThat(event.getSeverityText()).isEqualTo("error");
    assertThat(event.getSeverityNumber()).isEqualTo(17);
    assertThat(event.getMessage()).isEqualTo("Order 99812 failed: card 5555-5555-5555-4444 declined");
    assertThat(event.getError().getType()).isEqualTo("IllegalStateException");
    assertThat(event.getError().getMessage()).startsWith("Payment gateway rejected request");
    assertThat(event.getError().getStack()).isEqualTo(
        "IllegalStateException: Payment gateway rejected request (api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dcXy91)\n"
            + "  at com.example.orders.OrderController.create(OrderController.java:54)\n"
            + "  at com.example.orders.OrderService.process(OrderService.java:118)");
    assertThat(event.getActor().getUser()).isEqualTo("u_1842");
    assertThat(event.getActor().getService()).isEqualTo("orders-api");
    assertThat(event.getActor().getProcess()).isEqualTo("com.example.orders.OrderService");
    assertThat(event.getSource().getHost()).isEqualTo("orders-api-7d9f8b6c5-x2k9p");
    assertThat(event.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(event.getAttributes())
        .containsEntry("user.email", "jane.doe@example.com")
        .containsEntry("user.ip_address", "203.0.113.9")
        .containsEntry("request.url", "https://shop.example.com/api/v1/orders")
        .containsEntry("request.method", "POST")
        .containsKey("request.headers.Authorization")
        .containsEntry("tags.region", "eu-west-1")
        .containsEntry("release", "orders-api@1.42.0")
        .containsEntry("environment", "production")
        .containsEntry("contexts.trace.op", "http.server")
        .doesNotContainKeys("user.id", "contexts.trace.trace_id");
  }

  @Test
  void postHogCapture() {
    RecordNormalizer.Result result = whole("posthog_capture.json");
    assertThat(result.format()).isEqualTo("posthog");
    LogEvent event = only(result);
    assertThat(event.getEventId()).isEqualTo("0190d8a2-3c4e-7f10-8a2b-5c6d7e8f9a0b");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:55:10.220Z"));
    assertThat(event.getCategory()).isEqualTo(Category.ANALYTICS);
    assertThat(event.getAction()).isEqualTo("analytics");
    assertThat(event.getMessage()).isEqualTo("checkout_completed");
    assertThat(event.getActor().getUser()).isEqualTo("018daf23-89b3-7cf8-a4f1-94064c96df90");
    assertThat(event.getSource().getAddress()).isEqualTo("203.0.113.9");
    assertThat(event.getAttributes())
        .containsEntry("properties.$current_url", "https://shop.example.com/checkout?email=jane.doe%40example.com")
        .containsEntry("properties.$ip", "203.0.113.9")
        .containsEntry("properties.order_value", "129.9")
        .containsEntry("properties.$set.plan", "pro")
        .doesNotContainKey("api_key");
  }

  @Test
  void postHogBatch() {
    RecordNormalizer.Result result = whole("posthog_batch.json");
    assertThat(result.format()).isEqualTo("posthog");
    assertThat(result.events()).hasSize(2);
    LogEvent pageview = result.events().get(0);
    assertThat(pageview.getMessage()).isEqualTo("$pageview");
    assertThat(pageview.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:55:00Z"));
    // distinct_id only in properties.
    assertThat(pageview.getActor().getUser()).isEqualTo("018daf23-89b3-7cf8-a4f1-94064c96df90");
    assertThat(pageview.getCategory()).isEqualTo(Category.ANALYTICS);
    assertThat(pageview.getAttributes()).containsEntry("properties.$current_url", "https://shop.example.com/")
        .containsEntry("historical_migration", "false");
    LogEvent identify = result.events().get(1);
    assertThat(identify.getMessage()).isEqualTo("$identify");
    assertThat(identify.getActor().getUser()).isEqualTo("u_1842");
    assertThat(identify.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:55:02Z"));
    assertThat(identify.getAttributes()).containsEntry("properties.$set.email", "jane.doe@example.com");
    // Two events of one record get distinct ids.
    assertThat(pageview.getEventId()).isNotEqualTo(identify.getEventId());
  }

  @Test
  void langfuseIngestionBatch() {
    RecordNormalizer.Result result = whole("langfuse_ingestion_batch.json");
    assertThat(result.format()).isEqualTo("langfuse");
    assertThat(result.events()).hasSize(3);
    assertThat(result.events()).extracting(LogEvent::getCategory).containsOnly(Category.AI_TRACE);
    assertThat(result.events()).extracting(LogEvent::getAction)
        .containsExactly("trace_create", "generation_create", "score_create");
    assertThat(result.events()).extracting(LogEvent::getTraceId).containsOnly("trace-3c9e1b7a");

    LogEvent trace = result.events().get(0);
    assertThat(trace.getEventId()).isEqualTo("evt-7a1f0c2e-0001");
    assertThat(trace.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:56:00Z"));
    assertThat(trace.getMessage()).isEqualTo("support-chat");
    assertThat(trace.getActor().getUser()).isEqualTo("u_1842");
    assertThat(trace.getAttributes())
        .containsEntry("langfuse.trace_id", "trace-3c9e1b7a")
        .containsEntry("metadata.tenant", "acme")
        .containsEntry("sessionId", "sess-88c1")
        .containsEntry("output",
            "{\"role\":\"assistant\",\"content\":\"I'm sorry about that. I've opened ticket #55120.\"}");
    assertThat(trace.getAttributes().get("input")).startsWith("{\"messages\":[{\"role\":\"user\"");

    LogEvent generation = result.events().get(1);
    assertThat(generation.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:56:00.100Z"));
    assertThat(generation.getMessage()).isEqualTo("answer");
    assertThat(generation.getSeverityNumber()).isEqualTo(9);
    assertThat(generation.getAttributes())
        .containsEntry("model", "gpt-4o-mini")
        .containsEntry("usage.input", "412")
        .containsEntry("usage.output", "38")
        .containsEntry("usage.total", "450")
        .containsEntry("level", "DEFAULT")
        .containsEntry("langfuse.id", "gen-51d2")
        .containsEntry("metadata.prompt_name", "support-answer");
    assertThat(generation.getAttributes().get("input")).startsWith("[{\"role\":\"system\"");
    assertThat(generation.getError()).isNull();

    LogEvent score = result.events().get(2);
    assertThat(score.getMessage()).isEqualTo("user-feedback");
    assertThat(score.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:56:05Z"));
    assertThat(score.getAttributes()).containsEntry("value", "1").containsEntry("comment", "helpful");
  }
}
