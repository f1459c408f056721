package io.logwarden.benchmarks.detect;

import io.logwarden.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Alert latency under sustained load: the detect topology runs on a fresh broker, the load generator
 * sends background and attacks on a schedule, and an alert consumer notes when each attack's OPEN
 * alert becomes visible. Attacks whose triggering event was sent during the warm-up are not measured.
 */
final class LatencyPhase {

  record Settings(double rate, Duration attackInterval, Duration warmup, Duration measure, Duration drain,
      int lingerMs, Map<String, String> streamsOverrides) {}

  /**
   * @param handedToSeenMs per measured attack that was alerted: from the triggering event handed to
   *     the producer to the alert read by the consumer
   * @param ackedToSeenMs the same from the producer's ack of the triggering event
   * @param handedToAckedMs produce latency of the triggering event
   */
  record Result(Settings settings, String topology, int attacksMeasured, int attacksWithoutAlert, int attacksFailedToSend,
      List<Double> handedToSeenMs, List<Double> ackedToSeenMs, List<Double> handedToAckedMs,
      long eventsSent, double achievedRate, long sendErrors, Duration maxSenderLag, int backgroundSources,
      int backgroundUsers, long unexpectedBruteForceAlerts, Map<String, Long> alertsByRuleAndStatus,
      CpuUsage.Report cpu, Map<String, String> streamsSettings, Map<String, String> producerSettings,
      List<List<Double>> handedToSeenByInterval) {}

  /** Length of the intervals the latency is also reported by, to tell a steady state from a hiccup. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private LatencyPhase() {}

  static Result run(Policy policy, Settings settings) throws Exception {
    try (DetectApp app = DetectApp.start(policy, settings.streamsOverrides())) {
      String events = policy.topics().securityEvents().name();
      String alerts = policy.topics().alerts().name();
      app.startTopology();
      app.awaitRunning(Duration.ofSeconds(60));
      Progress.log("latency: detect topology running; %.0f events/s for %d s warm-up + %d s measured",
          settings.rate(), settings.warmup().toSeconds(), settings.measure().toSeconds());
      LoadGenerator load = new LoadGenerator(app.clientProperties(), events, settings.rate(),
          settings.attackInterval(), settings.lingerMs());
      SignInEvents pools = new SignInEvents(load.backgroundPerSecond());
      try (AlertReader reader = new AlertReader(app.clientProperties(), alerts, false)) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.measure().toNanos();
        AtomicReference<Throwable> loadFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
          try {
            load.run(start, end);
          } catch (Throwable e) {
            loadFailure.set(e);
          }
        }, LoadGenerator.THREAD);
        sender.start();

        // CPU is sampled over the measured period only, and ends a moment before it, while the load
        // generator's threads are still there to be counted.
        long cpuEnd = end - Math.min(TimeUnit.MILLISECONDS.toNanos(500), settings.measure().toNanos() / 10);
        sleepUntil(measureFrom, app, reader);
        CpuUsage cpuBefore = CpuUsage.snapshot();
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < cpuEnd) {
          sleepUntil(Math.min(cpuEnd, nextReport), app, reader);
          if (System.nanoTime() >= nextReport) {
            Progress.log("latency: %d s to go, %d alerts opened so far",
                TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()), reader.openedKeys().size());
            nextReport += TimeUnit.SECONDS.toNanos(10);
          }
        }
        CpuUsage.Report cpu = CpuUsage.snapshot().since(cpuBefore);
        sleepUntil(end, app, reader);
        sender.join();
        if (loadFailure.get() != null) {
          throw new IllegalStateException("the load generator failed: " + loadFailure.get(), loadFailure.get());
        }

        List<LoadGenerator.Attack> measured = load.attacks().stream()
            .filter(attack -> attack.handedNanos >= measureFrom).toList();
        long drainUntil = System.nanoTime() + settings.drain().toNanos();
        while (System.nanoTime() < drainUntil
            && measured.stream().anyMatch(attack -> reader.openedAt(attack.address) == null)) {
          app.checkHealthy();
          Thread.sleep(50);
        }

        List<Double> handedToSeen = new ArrayList<>();
        List<Double> ackedToSeen = new ArrayList<>();
        List<Double> handedToAcked = new ArrayList<>();
        List<List<Double>> byInterval = new ArrayList<>();
        int missing = 0;
        int failed = 0;
        for (LoadGenerator.Attack attack : measured) {
          int interval = (int) ((attack.handedNanos - measureFrom) / INTERVAL.toNanos());
          while (byInterval.size() <= interval) {
            byInterval.add(new ArrayList<>());
          }
          if (attack.failed) {
            failed++;
            continue;
          }
          if (attack.ackedNanos != 0) {
            handedToAcked.add(millis(attack.ackedNanos - attack.handedNanos));
          }
          Long seen = reader.openedAt(attack.address);
          if (seen == null) {
            missing++;
            continue;
          }
          handedToSeen.add(millis(seen - attack.handedNanos));
          byInterval.get(interval).add(millis(seen - attack.handedNanos));
          if (attack.ackedNanos != 0) {
            ackedToSeen.add(millis(seen - attack.ackedNanos));
          }
        }
        logSlowest(measured, reader, measureFrom);
        long unexpected = reader.openedKeys().stream().filter(key -> !key.startsWith("2001:db8:")).count();
        double seconds = (end - start) / 1e9;
        Progress.log("latency: %d attacks measured, %d without alert", measured.size(), missing);
        return new Result(settings, app.describeTopology(), measured.size(), missing, failed, handedToSeen,
            ackedToSeen, handedToAcked,
            load.eventsSent(), load.eventsSent() / seconds, load.sendErrors(), load.maxLag(),
            pools.sourcePoolSize(), pools.userPoolSize(), unexpected, reader.countsByRuleAndStatus(), cpu,
            StreamsSettings.of(app.streamsConfig()), load.settings(), byInterval);
      }
    }
  }

  /** The slowest attacks on standard error, with their wall-clock time, to line up with GC or broker logs. */
  private static void logSlowest(List<LoadGenerator.Attack> measured, AlertReader reader, long measureFrom) {
    long wallOffset = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    measured.stream()
        .filter(attack -> reader.openedAt(attack.address) != null)
        .sorted(java.util.Comparator.comparingLong(
            (LoadGenerator.Attack attack) -> reader.openedAt(attack.address) - attack.handedNanos).reversed())
        .limit(10)
        .forEach(attack -> Progress.log("latency: slow attack at %s (%.1f s into the measured period): %.0f ms",
            java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(
                wallOffset + TimeUnit.NANOSECONDS.toMillis(attack.handedNanos)), java.time.ZoneId.systemDefault()),
            (attack.handedNanos - measureFrom) / 1e9, millis(reader.openedAt(attack.address) - attack.handedNanos)));
  }

  private static void sleepUntil(long nanos, DetectApp app, AlertReader reader) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < nanos) {
      app.checkHealthy();
      reader.checkHealthy();
      TimeUnit.NANOSECONDS.sleep(Math.min(nanos - now, TimeUnit.MILLISECONDS.toNanos(250)));
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
