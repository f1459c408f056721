package io.logwarden.cli;

import io.logwarden.policy.Policy;
import io.logwarden.schema.Alert;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.AvroJson;
import io.logwarden.topics.Topic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden alerts}: the analyst's view of the alerts topic, the latest state of each alert. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    header = "Shows the latest state of each alert.",
    description = "Reads the alerts topic (assigned and sought, without a consumer group, so the shipped analyst "
        + "role suffices) and prints the latest state of each alert: rule, severity, key, count, first and last "
        + "seen, status and summary, oldest last-seen first. With --follow it then prints each new state as it "
        + "is committed. Reads the topic in whichever encoding its records were written.",
    footer = {"", "Examples:", "  ./logwarden alerts --bootstrap-server kafka:9092 --since 24h --severity HIGH",
        "  ./logwarden alerts --bootstrap-server kafka:9092 --follow --rule auth.brute_force.source",
        "  ./logwarden alerts --bootstrap-server kafka:9092 --format json | jq .summary"})
final class AlertsCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { table, json }

  @Mixin
  TopicReading reading;

  @Option(names = "--rule", paramLabel = "ID", description = "Only alerts of this rule (repeatable).")
  List<String> rules = List.of();

  @Option(names = "--severity", paramLabel = "MIN", description = "Only alerts of at least this severity: LOW, MEDIUM, HIGH or CRITICAL.")
  Severity minSeverity;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default) or json: one JSON object per alert state, the alerts topic's JSON shape.")
  Format format;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Policy policy = reading.policyOption.load();
    Topic<String, Alert> topic = reading.registryOption.topics(policy).alerts();
    Deserializer<Alert> decoder = topic.valueSerde().deserializer();
    Map<String, Alert> latest = new LinkedHashMap<>();
    boolean[] caughtUp = {false};
    int[] undecodable = {0};
    reading.read(List.of(topic.name()), () -> false, record -> {
      Alert alert = decode(decoder, record, undecodable);
      if (alert == null || !wanted(alert)) {
        return;
      }
      if (caughtUp[0]) {
        print(out, List.of(alert), false);
      } else {
        latest.put(alert.getAlertId(), alert);
      }
    }, () -> {
      caughtUp[0] = true;
      List<Alert> states = new ArrayList<>(latest.values());
      states.sort(Comparator.comparing(Alert::getLastSeen).thenComparing(Alert::getAlertId));
      if (states.isEmpty() && format == Format.table) {
        out.println("No alerts" + (reading.since == null ? "" : " since " + reading.since) + " in " + topic.name() + ".");
      } else {
        print(out, states, true);
      }
      out.flush();
    });
    if (undecodable[0] > 0) {
      spec.commandLine().getErr().printf("%d records of %s could not be decoded and were skipped%n", undecodable[0],
          topic.name());
    }
    return 0;
  }

  private boolean wanted(Alert alert) {
    return (rules.isEmpty() || rules.contains(alert.getRuleId()))
        && (minSeverity == null || alert.getSeverity() != Severity.UNKNOWN
            && alert.getSeverity().ordinal() >= minSeverity.ordinal());
  }

  private static Alert decode(Deserializer<Alert> decoder, ConsumerRecord<byte[], byte[]> record, int[] undecodable) {
    if (record.value() == null) {
      return null;   // a tombstone
    }
    try {
      return decoder.deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      undecodable[0]++;
      return null;
    }
  }

  private void print(PrintWriter out, List<Alert> alerts, boolean header) {
    if (format == Format.json) {
      alerts.forEach(alert -> out.println(AvroJson.toJson(alert)));
    } else {
      List<String[]> rows = new ArrayList<>();
      if (header) {
        rows.add(new String[] {"RULE", "SEVERITY", "KEY", "COUNT", "FIRST SEEN", "LAST SEEN", "STATUS", "SUMMARY"});
      }
      for (Alert alert : alerts) {
        rows.add(new String[] {alert.getRuleId(), alert.getSeverity().name(), alert.getKey(),
            count(alert), alert.getFirstSeen().toString(), alert.getLastSeen().toString(), alert.getStatus().name(),
            alert.getSummary()});
      }
      out.print(TextTable.render(rows));
    }
    out.flush();
  }

  private static String count(Alert alert) {
    if (alert.getDistinctCount() == null) {
      return Long.toString(alert.getCount());
    }
    return alert.getCount() + " (" + (Boolean.TRUE.equals(alert.getDistinctCountCapped()) ? "≥" : "")
        + alert.getDistinctCount() + " distinct)";
  }
}
