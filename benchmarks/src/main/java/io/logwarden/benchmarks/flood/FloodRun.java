package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.detect.CpuUsage;
import java.util.List;
import java.util.Map;

/** Everything one run of {@link AttackFloodBenchmark} measured, for the report and the smoke test. */
final class FloodRun {

  AttackFloodBenchmark options;
  FloodPlan.Settings settings;
  FloodPlan plan;
  Map<String, Long> expectedByRule;
  String backgroundDescription;
  Map<String, String> backgroundProducerSettings;
  Map<String, String> machine;
  double[] loadAtStart;
  double[] loadAtEnd;

  String topology;
  String lagTopics;
  Map<String, String> detectSettings;
  Map<String, String> normalizeSettings;
  int rocksDbBudgetMb;

  /** The flood's event time starts here (epoch ms). */
  long floodStartMs;
  FloodProducer.Result flood;
  long backgroundSent;
  double backgroundSeconds;

  /** From the flood's last acknowledged record to the first sample with the lag under 5 s; null: never. */
  Long detectRecoveredMs;
  Long pipelineRecoveredMs;
  CpuUsage.Report cpuCatchingUp;
  /** From the flood's last acknowledged record until every expected alert had been read; null: never. */
  Long allPresentAfterMs;
  /** Null when not waited for. */
  Boolean allClosed;
  long closeWaitedMs;

  AlertCheck checker;
  AlertCheck.Result check;
  long alertRecordsRead;
  Map<String, Map<String, Double>> metrics;
  /** The same metrics when the flood started: the warm-up's, the background's alone. */
  Map<String, Map<String, Double>> metricsAtFloodStart;
  double droppedRecords;
  List<LagSampler.Sample> samples;
  double runSeconds;
}
