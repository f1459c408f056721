package io.logwarden.benchmarks.detect;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU went between two snapshots: the whole machine (from /proc/stat, so other processes
 * show), this JVM, and this JVM's threads grouped by who they work for (broker, Streams, the
 * benchmark's producer and consumer; the rest of the JVM is GC and JIT).
 */
public final class CpuUsage {

  static final String STREAMS = "Kafka Streams (detect)";
  static final String BROKER = "broker";
  static final String LOAD = "benchmark producer";
  static final String READER = "benchmark alert consumer";
  public static final String GC = "GC";
  public static final String JIT = "JIT";
  public static final String ROCKSDB = "RocksDB background";
  static final String OTHER = "other";

  private static final long CLOCK_TICK_NANOS = 10_000_000; // USER_HZ 100 on Linux

  private final long wallNanos;
  private final long[] machineJiffies;
  private final long processNanos;
  private final Map<Long, Long> threadNanos;
  private final Map<Long, String> threadGroups;
  private final Map<Long, String> threadNames;
  private final Map<String, Long> nativeNanos;

  private CpuUsage(long wallNanos, long[] machineJiffies, long processNanos, Map<Long, Long> threadNanos,
      Map<Long, String> threadGroups, Map<Long, String> threadNames, Map<String, Long> nativeNanos) {
    this.threadNames = threadNames;
    this.nativeNanos = nativeNanos;
    this.wallNanos = wallNanos;
    this.machineJiffies = machineJiffies;
    this.processNanos = processNanos;
    this.threadNanos = threadNanos;
    this.threadGroups = threadGroups;
  }

  public static CpuUsage snapshot() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> groups = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        nanos.put(info.getThreadId(), cpu);
        groups.put(info.getThreadId(), group(info.getThreadName()));
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new CpuUsage(System.nanoTime(), machineJiffies(), process, nanos, groups, names, nativeThreads());
  }

  // Streams names its threads and clients after the application id (logwarden-detect-<uuid>-...).
  private static String group(String thread) {
    if (thread.contains("-detect-")) {
      return STREAMS;
    }
    if (thread.startsWith(LoadGenerator.THREAD) || thread.contains(LoadGenerator.CLIENT_ID)) {
      return LOAD;
    }
    if (thread.startsWith(AlertReader.THREAD) || thread.contains(AlertReader.CLIENT_ID)) {
      return READER;
    }
    if (thread.equals("main")) {
      return OTHER;
    }
    return BROKER;
  }

  /**
   * CPU of the JVM's threads that are not Java threads (invisible to {@link ThreadMXBean}): GC, JIT
   * compilers and RocksDB's flush and compaction threads, by name from /proc/self/task.
   */
  public static Map<String, Long> nativeThreads() {
    Map<String, Long> nanos = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          String group = name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC
              : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT
              : name.startsWith("rocksdb:") ? ROCKSDB : null;
          if (group != null) {
            nanos.merge(group, ticks * CLOCK_TICK_NANOS, Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: everything not a Java thread is "other"
    }
    return nanos;
  }

  /** user+nice+system+irq+softirq+steal and the total, in jiffies; null when /proc/stat is not there. */
  private static long[] machineJiffies() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] fields = lines.get(0).trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i == 4 || i == 5) {
          idle += value;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Usage between {@code before} and this snapshot. */
  public Report since(CpuUsage before) {
    double seconds = (wallNanos - before.wallNanos) / 1e9;
    double processCores = (processNanos - before.processNanos) / 1e9 / seconds;
    double machineBusy = Double.NaN;
    if (machineJiffies != null && before.machineJiffies != null) {
      long busy = machineJiffies[0] - before.machineJiffies[0];
      long total = machineJiffies[1] - before.machineJiffies[1];
      machineBusy = total == 0 ? Double.NaN : (double) busy / total;
    }
    Map<String, Double> byGroup = new LinkedHashMap<>();
    for (String group : List.of(STREAMS, BROKER, LOAD, READER, ROCKSDB, GC, JIT, OTHER)) {
      byGroup.put(group, 0.0);
    }
    double threadsTotal = 0;
    Map<String, Double> byThread = new HashMap<>();
    for (Map.Entry<Long, Long> thread : threadNanos.entrySet()) {
      long start = before.threadNanos.getOrDefault(thread.getKey(), 0L);
      double cores = (thread.getValue() - start) / 1e9 / seconds;
      byGroup.merge(threadGroups.get(thread.getKey()), cores, Double::sum);
      byThread.merge(threadNames.get(thread.getKey()), cores, Double::sum);
      threadsTotal += cores;
    }
    Map<String, Double> busiest = new LinkedHashMap<>();
    byThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
        .forEach(entry -> busiest.put(entry.getKey(), entry.getValue()));
    // GC, compiler and RocksDB threads are not Java threads; what is left is "other".
    double nativeTotal = 0;
    for (Map.Entry<String, Long> group : nativeNanos.entrySet()) {
      double cores = (group.getValue() - before.nativeNanos.getOrDefault(group.getKey(), 0L)) / 1e9 / seconds;
      byGroup.merge(group.getKey(), cores, Double::sum);
      nativeTotal += cores;
    }
    byGroup.merge(OTHER, Math.max(0, processCores - threadsTotal - nativeTotal), Double::sum);
    return new Report(seconds, Runtime.getRuntime().availableProcessors(), machineBusy, processCores, byGroup,
        busiest);
  }

  /**
   * @param machineBusy share of all cores busy over the machine, 0..1 (NaN if unknown)
   * @param processCores cores used by this JVM on average
   * @param byGroup cores used on average per group of threads
   * @param busiestThreads the threads that used the most, with their cores
   */
  public record Report(double seconds, int cores, double machineBusy, double processCores, Map<String, Double> byGroup,
      Map<String, Double> busiestThreads) {

    /** Cores used by other processes on average: the sign of a disturbed measurement. */
    public double otherProcessesCores() {
      return Double.isNaN(machineBusy) ? Double.NaN : Math.max(0, machineBusy * cores - processCores);
    }
  }
}
