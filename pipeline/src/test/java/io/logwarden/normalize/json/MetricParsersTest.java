package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OTLP/JSON metrics and plain JSON metric points become SYSTEM {@code metric} events, one per point. */
class MetricParsersTest {

  // An ExportMetricsServiceRequest written for these tests after opentelemetry-proto's examples/metrics.json.
  private static final String OTLP_METRICS = """
      {"resourceMetrics":[{"resource":{"attributes":[
        {"key":"service.name","value":{"stringValue":"checkout"}},
        {"key":"host.name","value":{"stringValue":"node-3"}},
        {"key":"cloud.region","value":{"stringValue":"eu-west-1"}}]},
       "scopeMetrics":[{"scope":{"name":"otelcol/hostmetricsreceiver","version":"0.110.0"},"metrics":[
        {"name":"system.cpu.utilization","unit":"1","gauge":{"dataPoints":[
          {"attributes":[{"key":"state","value":{"stringValue":"user"}},{"key":"cpu","value":{"intValue":"0"}}],
           "timeUnixNano":"1784714400000000000","asDouble":0.42}]}},
        {"name":"http.server.requests","unit":"{request}","sum":{"aggregationTemporality":2,"isMonotonic":true,
          "dataPoints":[{"timeUnixNano":1784714401000000000,"asInt":"1234"},
                        {"timeUnixNano":"1784714402000000000","asInt":7}]}},
        {"name":"http.server.duration","unit":"ms","histogram":{"aggregationTemporality":1,"dataPoints":[
          {"timeUnixNano":"1784714403000000000","count":"12","sum":340.5,"bucketCounts":["2","10"],
           "explicitBounds":[10.0]}]}},
        {"name":"rpc.latency","unit":"s","summary":{"dataPoints":[
          {"timeUnixNano":"1784714404000000000","count":"3","sum":0.75,
           "quantileValues":[{"quantile":0.5,"value":0.2}]}]}}
       ]}]}]}
      """;

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);

  private RecordNormalizer.Result normalize(String json) {
    return Samples.normalize(normalizer, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void otlpMetricsOneEventPerDataPoint() {
    RecordNormalizer.Result result = normalize(OTLP_METRICS);
    assertThat(result.format()).isEqualTo("otlp-json-metrics");
    assertThat(result.events()).hasSize(5);
    assertThat(result.events()).extracting(LogEvent::getCategory).containsOnly(Category.SYSTEM);
    assertThat(result.events()).extracting(LogEvent::getAction).containsOnly("metric");
    assertThat(result.events()).extracting(e -> e.getActor().getService()).containsOnly("checkout");
    assertThat(result.events()).extracting(e -> e.getSource().getHost()).containsOnly("node-3");

    LogEvent cpu = result.events().get(0);
    assertThat(cpu.getMessage()).isEqualTo("system.cpu.utilization=0.42 1");
    assertThat(cpu.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:00:00Z"));
    assertThat(cpu.getAttributes())
        .containsEntry("metric.name", "system.cpu.utilization")
        .containsEntry("metric.value", "0.42")
        .containsEntry("metric.unit", "1")
        .containsEntry("metric.type", "gauge")
        .containsEntry("state", "user")
        .containsEntry("cpu", "0")
        .containsEntry("resource.cloud.region", "eu-west-1")
        .containsEntry("scope.name", "otelcol/hostmetricsreceiver");

    LogEvent requests = result.events().get(1);
    assertThat(requests.getMessage()).isEqualTo("http.server.requests=1234 {request}");
    assertThat(requests.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:00:01Z"));
    assertThat(requests.getAttributes()).containsEntry("metric.type", "sum")
        .containsEntry("metric.temporality", "cumulative").containsEntry("metric.monotonic", "true");
    assertThat(result.events().get(2).getMessage()).isEqualTo("http.server.requests=7 {request}");

    LogEvent duration = result.events().get(3);
    assertThat(duration.getMessage()).isEqualTo("http.server.duration count=12 sum=340.5 ms");
    assertThat(duration.getAttributes()).containsEntry("metric.type", "histogram")
        .containsEntry("metric.count", "12").containsEntry("metric.sum", "340.5").doesNotContainKey("metric.value");

    LogEvent latency = result.events().get(4);
    assertThat(latency.getMessage()).isEqualTo("rpc.latency count=3 sum=0.75 s");
    assertThat(latency.getAttributes()).containsEntry("metric.type", "summary");
    assertThat(result.events()).allSatisfy(e -> assertThat(e.getFlags()).isEmpty());
  }

  @Test
  void plainJsonMetricPoint() {
    RecordNormalizer.Result result = normalize("{\"name\":\"queue.depth\",\"value\":17,\"unit\":\"{message}\","
        + "\"tags\":{\"queue\":\"orders\",\"env\":\"prod\"},\"timestamp\":\"2026-07-22T09:59:00Z\",\"host\":\"mq-1\"}");
    assertThat(result.format()).isEqualTo("json-metric");
    LogEvent event = result.events().get(0);
    assertThat(event.getCategory()).isEqualTo(Category.SYSTEM);
    assertThat(event.getAction()).isEqualTo("metric");
    assertThat(event.getMessage()).isEqualTo("queue.depth=17 {message}");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:59:00Z"));
    assertThat(event.getSource().getHost()).isEqualTo("mq-1");
    assertThat(event.getAttributes())
        .containsEntry("metric.name", "queue.depth")
        .containsEntry("metric.value", "17")
        .containsEntry("metric.type", "gauge")
        .containsEntry("queue", "orders")
        .containsEntry("env", "prod");
  }

  @Test
  void plainJsonMetricBatchSharesItsTopLevelFields() {
    RecordNormalizer.Result result = normalize("{\"host\":\"web-2\",\"time\":1784714400,\"metrics\":["
        + "{\"metric\":\"cpu\",\"value\":0.5,\"attributes\":{\"core\":\"1\"}},"
        + "{\"metric\":\"mem\",\"value\":1.5e3,\"unit\":\"MiB\",\"time\":1784714401},"
        + "\"not a point\"]}");
    assertThat(result.format()).isEqualTo("json-metric");
    assertThat(result.events()).hasSize(2);
    assertThat(result.events()).extracting(LogEvent::getMessage).containsExactly("cpu=0.5", "mem=1500 MiB");
    assertThat(result.events()).extracting(e -> e.getSource().getHost()).containsOnly("web-2");
    assertThat(result.events()).extracting(LogEvent::getEventTime)
        .containsExactly(Instant.parse("2026-07-22T10:00:00Z"), Instant.parse("2026-07-22T10:00:01Z"));
    assertThat(result.events().get(0).getAttributes()).containsEntry("core", "1");
    // The entry that is no point is not dropped silently.
    assertThat(result.events()).allSatisfy(e -> assertThat(e.getFlags()).contains("skipped_entries"));
  }

  @Test
  void anObjectWithAMessageIsALogNotAMetric() {
    RecordNormalizer.Result result = normalize("{\"name\":\"orders\",\"value\":3,\"message\":\"three orders\"}");
    assertThat(result.format()).isEqualTo("json");
    assertThat(result.events().get(0).getMessage()).isEqualTo("three orders");
  }

  @Test
  void batchWithoutReadableEntriesIsRejected() {
    assertThatThrownBy(() -> normalize("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\"}]}]}]}"))
        .isInstanceOf(RejectedRecordException.class)
        .extracting(e -> ((RejectedRecordException) e).reason())
        .isEqualTo(DeadLetterReason.NO_EVENTS);
    assertThatThrownBy(() -> normalize("{\"resourceLogs\":[]}"))
        .isInstanceOf(RejectedRecordException.class)
        .extracting(e -> ((RejectedRecordException) e).reason())
        .isEqualTo(DeadLetterReason.NO_EVENTS);
  }
}
