package io.logwarden.benchmarks.detect;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.serde.TrustedRecordClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detect topology on a real broker: alert latency under sustained open-loop load, and throughput
 * from a preloaded backlog. Not JMH: each phase starts an in-process single-node broker, provisions the
 * shipped policy's topics and runs the detect topology with exactly-once, as {@code logwarden run}
 * would. Prints a Markdown report on standard output, progress on standard error.
 */
@Command(
    name = "DetectBrokerBenchmark",
    mixinStandardHelpOptions = true,
    description = "Measures alert latency and throughput of the detect topology on an in-process broker.",
    sortOptions = false)
public final class DetectBrokerBenchmark implements Callable<Integer> {

  enum Phase { both, latency, throughput }

  @Option(names = "--phase", description = "both (default), latency or throughput.")
  Phase phase = Phase.both;

  @Option(names = "--rate", description = "Latency: events/s sent, attacks included (default ${DEFAULT-VALUE}); "
      + "throughput: events/s of event time in the preloaded history.")
  double rate = 2_000;

  @Option(names = "--attack-interval-ms", description = "An attack of 8 failed sign-ins from a fresh source "
      + "this often (default ${DEFAULT-VALUE}).")
  long attackIntervalMs = 100;

  @Option(names = "--warmup", description = "Latency: seconds of load before measuring (default ${DEFAULT-VALUE}).")
  long warmupSeconds = 30;

  @Option(names = "--seconds", description = "Latency: seconds measured (default ${DEFAULT-VALUE}).")
  long seconds = 120;

  @Option(names = "--drain", description = "Latency: seconds to wait for the last alerts (default ${DEFAULT-VALUE}).")
  long drainSeconds = 30;

  @Option(names = "--events", description = "Throughput: events preloaded (default ${DEFAULT-VALUE}).")
  long events = 500_000;

  @Option(names = "--success-share", description = "Throughput: share of background sign-ins that succeed "
      + "(default ${DEFAULT-VALUE}).")
  double successShare = 0.1;

  @Option(names = "--timeout", description = "Throughput: seconds allowed to catch up (default ${DEFAULT-VALUE}).")
  long timeoutSeconds = 900;

  @Option(names = "--linger-ms", description = "linger.ms of the latency load's producer (default ${DEFAULT-VALUE}, "
      + "Kafka's default).")
  int lingerMs = 5;

  @Option(names = "--streams-config", paramLabel = "KEY=VALUE", description = "Overrides a Kafka Streams setting "
      + "of the detect topology, e.g. commit.interval.ms=20; repeatable.")
  Map<String, String> streamsOverrides = new LinkedHashMap<>();

  @Option(names = "--smoke", description = "A few seconds with small numbers, to try the benchmark.")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DetectBrokerBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (smoke) {
      rate = Math.min(rate, 500);
      warmupSeconds = Math.min(warmupSeconds, 3);
      seconds = Math.min(seconds, 5);
      drainSeconds = Math.min(drainSeconds, 15);
      events = Math.min(events, 20_000);
    }
    TrustedRecordClasses.trustLogwardenRecords();
    Policy policy = PolicyLoader.loadDefault();
    ThroughputPhase.Result throughput = null;
    LatencyPhase.Result latency = null;
    if (phase != Phase.latency) {
      throughput = ThroughputPhase.run(policy, new ThroughputPhase.Settings(events, rate,
          Duration.ofMillis(attackIntervalMs), successShare, Duration.ofSeconds(timeoutSeconds), streamsOverrides));
    }
    if (phase != Phase.throughput) {
      latency = LatencyPhase.run(policy, new LatencyPhase.Settings(rate, Duration.ofMillis(attackIntervalMs),
          Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds), Duration.ofSeconds(drainSeconds), lingerMs,
          streamsOverrides));
    }
    Report report = new Report(System.out);
    report.header(machine(), policy);
    report.settings(latency != null ? latency.streamsSettings() : throughput.streamsSettings(),
        latency != null ? latency.producerSettings() : null, streamsOverrides);
    if (latency != null) {
      report.latency(latency);
    }
    if (throughput != null) {
      report.throughput(throughput);
    }
    boolean missing = (latency != null && latency.attacksWithoutAlert() > 0)
        || (throughput != null && throughput.attacksAlerted() < throughput.attacksPlanted());
    return missing ? 2 : 0;
  }

  private static Map<String, String> machine() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    machine.put("CPU", cpuModel());
    machine.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
