package io.logwarden.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric the product registers is in {@link Metrics}, the list docs/reference/metrics.md is
 * generated from: the main sources register no meter under a name of their own, and every other
 * {@code logwarden.*} name in them is a known key or header, not a metric.
 */
class MetricsCatalogueTest {

  /** A meter registered with a literal name: {@code counter("...")}, {@code Gauge.builder("...")}. */
  private static final Pattern LITERAL_METER = Pattern.compile(
      "\\b(counter|gauge|timer|summary|builder)\\(\\s*\"");
  /** A {@code logwarden.*} name defined in a constant. */
  private static final Pattern NAME_CONSTANT = Pattern.compile("=\\s*\"(logwarden\\.[a-z_.]+)\"");

  /** The {@code logwarden.*} names that are not metrics: config keys and record headers. */
  private static final Map<String, String> NOT_METRICS = Map.ofEntries(
      Map.entry("logwarden.rocksdb.memory.bytes", "a Kafka Streams config key"),
      Map.entry("logwarden.meter.registry", "a stage resource key"),
      Map.entry("logwarden.redactor", "a stage resource key"),
      Map.entry("logwarden.schema.registry", "a stage resource key"),
      Map.entry("logwarden.dead-letter.serializer", "a stage resource key"),
      Map.entry("logwarden.clock.skew.metrics", "a stage resource key"),
      Map.entry("logwarden.notifier", "a stage resource key"),
      Map.entry("logwarden.replay.of", "a record header"),
      Map.entry("logwarden.dlq.reason", "a record header"),
      Map.entry("logwarden.dlq.origin", "a record header"),
      Map.entry("logwarden.notify.destination", "a record header"),
      Map.entry("logwarden.notify.idempotency_key", "a record header"),
      Map.entry("logwarden.notify.attempts", "a record header"),
      Map.entry("logwarden.notify.test", "the rule id of notify test's made-up alert"));

  @Test
  void noMeterIsRegisteredUnderANameOfItsOwnAndEveryNameConstantIsKnown() throws IOException {
    List<String> found = new ArrayList<>();
    int scanned = 0;
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../tools/src/main/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          scanned++;
          if (file.endsWith(Path.of("event", "Metrics.java"))) {
            continue;
          }
          String source = Files.readString(file);
          if (LITERAL_METER.matcher(source).find()) {
            found.add(file + ": registers a meter under a literal name; add it to event/Metrics");
          }
          Matcher constant = NAME_CONSTANT.matcher(source);
          while (constant.find()) {
            if (!NOT_METRICS.containsKey(constant.group(1))) {
              found.add(file + ": " + constant.group(1) + " is neither in event/Metrics nor a known key");
            }
          }
        }
      }
    }
    assertThat(scanned).isGreaterThan(200);
    assertThat(found).isEmpty();
  }

  @Test
  void theScanFindsALiteralMeterName() {
    assertThat(LITERAL_METER.matcher("meters.counter(\"logwarden.new\", \"tag\", v)").find()).isTrue();
    assertThat(LITERAL_METER.matcher("Gauge.builder(\"logwarden.g\", x, f)").find()).isTrue();
    assertThat(LITERAL_METER.matcher("meters.counter(Metrics.ALERTS.name(), \"rule\", id)").find()).isFalse();
  }

  @Test
  void namesAreUniqueAndPrometheusNamesFollowThem() {
    assertThat(Metrics.ALL).extracting(Metrics.Metric::name).doesNotHaveDuplicates();
    for (Metrics.Metric metric : Metrics.ALL) {
      assertThat(metric.prometheus()).startsWith(metric.name().replace('.', '_'));
      assertThat(metric.labels()).isNotEmpty();
    }
  }
}
