package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Variants of the OTLP, CloudTrail, Sentry and Langfuse shapes that the samples do not show. */
class JsonShapeParsersTest {

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);

  private RecordNormalizer.Result normalize(String json) {
    return Samples.normalize(normalizer, json.getBytes(StandardCharsets.UTF_8));
  }

  private LogEvent one(String json, String format) {
    RecordNormalizer.Result result = normalize(json);
    assertThat(result.format()).isEqualTo(format);
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  @Test
  void otlpLogRecordWithStructuredBodyAndEveryAnyValueKind() {
    LogEvent event = one("""
        {"resourceLogs":[{"resource":{"attributes":[]},"scopeLogs":[{"logRecords":[{
          "timeUnixNano":0,"observedTimeUnixNano":1784714400250000000,
          "severityNumber":"SEVERITY_NUMBER_WARN2","traceId":"","spanId":"",
          "body":{"kvlistValue":{"values":[{"key":"order","value":{"intValue":"99812"}},
            {"key":"items","value":{"arrayValue":{"values":[{"stringValue":"a"},{"boolValue":true}]}}}]}},
          "attributes":[
            {"key":"http.route","value":{"stringValue":"/orders"}},
            {"key":"ok","value":{"boolValue":false}},
            {"key":"ratio","value":{"doubleValue":0.5}},
            {"key":"blob","value":{"bytesValue":"AQID"}},
            {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"x"},{"intValue":2}]}}},
            {"key":"peer","value":{"kvlistValue":{"values":[{"key":"name","value":{"stringValue":"db"}}]}}},
            {"key":"exception.message","value":{"stringValue":"timeout"}},
            {"key":"exception.stacktrace","value":{"stringValue":"TimeoutError: timeout\\n  at x"}},
            {"key":"empty","value":{}}]}]}]}]}
        """, "otlp-json-logs");
    // An unset time means the observed time, which the collector filled in.
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:00:00.250Z"));
    assertThat(event.getSeverityNumber()).isEqualTo(14);
    assertThat(event.getMessage()).isEqualTo("{\"order\":99812,\"items\":[\"a\",true]}");
    assertThat(event.getTraceId()).isNull();
    assertThat(event.getSpanId()).isNull();
    assertThat(event.getError().getMessage()).isEqualTo("timeout");
    assertThat(event.getError().getStack()).startsWith("TimeoutError: timeout");
    assertThat(event.getAttributes())
        .containsEntry("http.route", "/orders")
        .containsEntry("ok", "false")
        .containsEntry("ratio", "0.5")
        .containsEntry("blob", "AQID")
        .containsEntry("tags", "[\"x\",2]")
        .containsEntry("peer.name", "db")
        .doesNotContainKeys("empty", "trace_id", "span_id", "exception.message");
    assertThat(event.getFlags()).isEmpty();
  }

  @Test
  void otlpIdsInBase64AndUnreadableOnes() {
    RecordNormalizer.Result result = normalize("""
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"timeUnixNano":"1784714400000000000","traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ=",
           "body":{"stringValue":"a"}},
          {"timeUnixNano":"soon","traceId":"not-an-id","severityNumber":99,"body":{"stringValue":"b"}},
          "not a record"]}]}]}
        """);
    assertThat(result.events()).hasSize(2);
    LogEvent first = result.events().get(0);
    assertThat(first.getTraceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(first.getSpanId()).isEqualTo("eee19b7ec3c1b174");
    LogEvent second = result.events().get(1);
    assertThat(second.getTraceId()).isNull();
    assertThat(second.getAttributes()).containsEntry("trace_id", "not-an-id");
    assertThat(second.getFlags()).contains("bad_time", "bad_level", "missing_time", "skipped_entries");
  }

  @Test
  void cloudTrailWritesReadsAndFailures() {
    RecordNormalizer.Result result = normalize("""
        {"Records":[
          {"eventTime":"2026-07-22T09:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy",
           "readOnly":false,"userIdentity":{"type":"IAMUser","userName":"ops"},"sourceIPAddress":"192.0.2.5",
           "requestParameters":{"bucketName":"logs-archive","policy":"{...}"}},
          {"eventTime":"2026-07-22T09:00:01Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances",
           "readOnly":true,"userIdentity":{"type":"Root","arn":"arn:aws:iam::123456789012:root"},
           "sourceIPAddress":"2001:db8::5"},
          {"eventTime":"2026-07-22T09:00:02Z","eventSource":"iam.amazonaws.com","eventName":"DeleteUser",
           "errorCode":"AccessDenied","errorMessage":"not authorized",
           "userIdentity":{"type":"AWSService","invokedBy":"cloudformation.amazonaws.com"},
           "sourceIPAddress":"cloudformation.amazonaws.com","requestParameters":{"userName":"old"}},
          {"eventTime":"2026-07-22T09:00:03Z","eventSource":"ec2.amazonaws.com","eventName":"Settle",
           "readOnly":false,"userIdentity":{"type":"IAMUser","userName":"ops"}}
        ]}
        """);
    List<LogEvent> events = result.events();
    assertThat(events).hasSize(4);
    assertThat(events).extracting(LogEvent::getCategory).containsOnly(Category.SECURITY);
    assertThat(events).extracting(LogEvent::getAction)
        .containsExactly("config_change", "api_call", "access_denied", "api_call");
    // A write that IAM refused is an access refusal (docs/classification.md); a write a change of settings.
    assertThat(events.get(0).getAttributes()).containsEntry("change.kind", "setting")
        .containsEntry("classification.entry", "builtin:cloudtrail");
    assertThat(events).extracting(LogEvent::getOutcome)
        .containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.FAILURE, Outcome.SUCCESS);
    assertThat(events.get(0).getTarget().getKind()).isEqualTo("bucket");
    assertThat(events.get(0).getTarget().getName()).isEqualTo("logs-archive");
    assertThat(events.get(1).getActor().getUser()).isEqualTo("root");
    assertThat(events.get(1).getSource().getAddress()).isEqualTo("2001:db8::5");
    LogEvent denied = events.get(2);
    assertThat(denied.getActor().getUser()).isEqualTo("cloudformation.amazonaws.com");
    assertThat(denied.getSource().getAddress()).isNull();
    assertThat(denied.getAttributes()).containsEntry("sourceIPAddress", "cloudformation.amazonaws.com")
        .containsEntry("errorCode", "AccessDenied");
    assertThat(denied.getMessage()).isEqualTo("DeleteUser (iam.amazonaws.com) failed: AccessDenied");
    // A refused call is the caller's failure, not an application error for the error store.
    assertThat(denied.getError()).isNull();
  }

  @Test
  void cloudTrailSingleRecordAsCloudWatchDeliversIt() {
    LogEvent event = one("{\"eventVersion\":\"1.11\",\"eventTime\":\"2026-07-22T09:00:00Z\","
        + "\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"userIdentity\":{\"type\":\"Root\","
        + "\"arn\":\"arn:aws:iam::123456789012:root\"},\"responseElements\":{\"ConsoleLogin\":\"Success\"}}",
        "cloudtrail");
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(event.getActor().getUser()).isEqualTo("root");
  }

  @Test
  void sentryEventWithoutMessageTellsItsException() {
    LogEvent event = one("""
        {"event_id":"FC6D8C0C43FC4630AD850EE518F1B9D1","timestamp":"2026-07-22T09:00:00.5Z","platform":"python",
         "exception":[{"type":"KeyError","value":"'user'","stacktrace":{"frames":[
           {"filename":"app.py","function":"main","lineno":10},
           {"abs_path":"/srv/views.py","module":"views","function":"show"}]}}],
         "tags":[["region","eu"],["bad"]],"contexts":{"trace":{"trace_id":"xyz","span_id":"00f067aa0ba902b7"}}}
        """, "sentry");
    assertThat(event.getEventId()).isEqualTo("fc6d8c0c43fc4630ad850ee518f1b9d1");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:00:00.500Z"));
    assertThat(event.getMessage()).isEqualTo("KeyError: 'user'");
    assertThat(event.getError().getStack())
        .isEqualTo("KeyError: 'user'\n  at main(app.py:10)\n  at views.show(/srv/views.py)");
    assertThat(event.getTraceId()).isNull();
    assertThat(event.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(event.getAttributes())
        .containsEntry("tags.region", "eu")
        .containsEntry("contexts.trace.trace_id", "xyz");
  }

  @Test
  void sentryDetectionNeedsAHexEventIdAndASentryKey() {
    assertThat(normalize("{\"event_id\":\"fc6d8c0c43fc4630ad850ee518f1b9d0\",\"message\":\"m\"}").format())
        .isEqualTo("json");
    assertThat(normalize("{\"event_id\":\"not-hex-not-hex-not-hex-not-hex!\",\"platform\":\"java\"}").format())
        .isEqualTo("json");
  }

  @Test
  void langfuseErrorLevelCarriesItsStatusMessageAsTheError() {
    LogEvent event = one("""
        {"batch":[{"id":"e1","type":"span-create","body":{"id":"s1","traceId":"t1","startTime":"2026-07-22T09:00:00Z",
          "level":"ERROR","statusMessage":"tool call failed","input":"plain text"}}]}
        """, "langfuse");
    assertThat(event.getAction()).isEqualTo("span_create");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:00:00Z"));
    assertThat(event.getSeverityNumber()).isEqualTo(17);
    assertThat(event.getError().getMessage()).isEqualTo("tool call failed");
    assertThat(event.getTraceId()).isEqualTo("t1");
    assertThat(event.getMessage()).isEqualTo("span-create");
    assertThat(event.getAttributes())
        .containsEntry("input", "plain text")
        .containsEntry("statusMessage", "tool call failed");
  }

  @Test
  void shipperMarkersNameTheShipper() {
    assertThat(normalize("{\"@version\":\"1\",\"logger_name\":\"a\",\"message\":\"m\"}").format())
        .isEqualTo("json-logback");
    assertThat(normalize("{\"@version\":\"1\",\"@timestamp\":\"2026-07-22T09:00:00Z\",\"message\":\"m\",\"tags\":[]}")
        .format()).isEqualTo("json-logstash");
    assertThat(normalize("{\"@version\":\"1\",\"@timestamp\":\"2026-07-22T09:00:00Z\",\"message\":\"m\","
        + "\"event.original\":\"m\"}").format()).isEqualTo("json-logstash");
    assertThat(normalize("{\"@timestamp\":1784714400.1,\"log\":\"m\"}").format()).isEqualTo("json-fluentbit");
    assertThat(normalize("{\"kubernetes\":{},\"log\":\"m\",\"stream\":\"stdout\"}").format())
        .isEqualTo("json-fluentbit");
    assertThat(normalize("{\"source_type\":\"socket\",\"message\":\"m\"}").format()).isEqualTo("json-vector");
    assertThat(normalize("{\"ecs.version\":\"8.0.0\",\"message\":\"m\"}").format()).isEqualTo("json-ecs");
    assertThat(normalize("{\"ecs\":{\"version\":\"8\"},\"message\":\"m\"}").format()).isEqualTo("json-ecs");
    assertThat(normalize("{\"@metadata\":{\"beat\":\"filebeat\"},\"message\":\"m\"}").format()).isEqualTo("json-ecs");
    assertThat(normalize("{\"@timestamp\":\"2026-07-22T09:00:00Z\",\"log\":\"m\"}").format()).isEqualTo("json");
    assertThat(normalize("{\"@version\":\"1\",\"message\":\"m\"}").format()).isEqualTo("json");
  }
}
