package io.logwarden.benchmarks.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The Markdown report and the SVG chart of a set of runs: per number of keys and configuration, the
 * peak resident set, the resident set once retention is reached (from the third generation on: by
 * then the first generation's keys have had a whole generation to expire), heap after GC, state on
 * disk and RocksDB's memory; and the resident set over processed records, one panel per number of keys.
 */
final class MemoryReport {

  /** The first generation whose samples count as "after retention". */
  static final int PLATEAU_FROM_GENERATION = 3;

  private final List<MemoryRun> runs;

  MemoryReport(List<MemoryRun> runs) {
    this.runs = new ArrayList<>(runs);
    this.runs.sort(Comparator.comparingLong(MemoryRun::keys).thenComparing(MemoryRun::mode));
  }

  /** Figures of one run. */
  record Figures(long keys, String mode, long events, long runtimeSeconds, long peakRss, long plateauRssMedian,
      long plateauRssMax, long rssEndOfSecond, long rssEndOfLast, long rssSettled, long heapAfterGcMax,
      long heapAfterGcSettled, long stateMax, long stateSettled, long stateKeysLastGeneration, long stateKeysSettled,
      long blockCacheMax, long memtablesMax, List<Long> rssAtGenerationEnds, long beyondHeapMedian,
      long beyondHeapMax, long tableReadersMax) {

    /** Growth of the resident set from the end of the second generation to the end of the last, in percent. */
    double growthAfterRetentionPercent() {
      return rssEndOfSecond <= 0 ? Double.NaN : 100.0 * (rssEndOfLast - rssEndOfSecond) / rssEndOfSecond;
    }
  }

  static Figures figures(MemoryRun run) {
    List<MemoryRun.Phased> all = run.samples();
    List<Sample> plateau = all.stream()
        .filter(p -> MemoryRun.generationOf(p.phase()) >= Math.min(PLATEAU_FROM_GENERATION, run.generations()))
        .map(MemoryRun.Phased::sample).toList();
    List<Long> ends = new ArrayList<>();
    for (int g = 1; g <= run.generations(); g++) {
      ends.add(lastOf(all, "g" + g, Sample::rssBytes));
    }
    List<Long> plateauRss = plateau.stream().map(Sample::rssBytes).sorted().toList();
    List<Long> beyondHeap = plateau.stream().filter(s -> s.heapCommittedBytes() >= 0).map(MemoryReport::beyondHeap)
        .sorted().toList();
    return new Figures(run.keys(), run.mode(), Long.parseLong(run.settings().getOrDefault("events", "0")),
        Long.parseLong(run.settings().getOrDefault("runtime_s", "0")),
        max(all, Sample::peakRssBytes),
        plateauRss.isEmpty() ? -1 : plateauRss.get(plateauRss.size() / 2),
        max(plateau, Sample::rssBytes),
        ends.size() >= 2 ? ends.get(1) : -1,
        ends.get(ends.size() - 1),
        lastOf(all, MemoryRun.SETTLE, Sample::rssBytes),
        max(all.stream().map(MemoryRun.Phased::sample).toList(), Sample::heapAfterGcBytes),
        lastOf(all, MemoryRun.SETTLE, Sample::heapAfterGcBytes),
        max(all.stream().map(MemoryRun.Phased::sample).toList(), Sample::stateBytes),
        lastOf(all, MemoryRun.SETTLE, Sample::stateBytes),
        Long.parseLong(run.settings().getOrDefault("state_keys_last_generation", "-1")),
        Long.parseLong(run.settings().getOrDefault("state_keys_settled", "-1")),
        max(all.stream().map(MemoryRun.Phased::sample).toList(), Sample::blockCacheBytes),
        max(all.stream().map(MemoryRun.Phased::sample).toList(), Sample::memtableBytes),
        ends,
        beyondHeap.isEmpty() ? -1 : beyondHeap.get(beyondHeap.size() / 2),
        beyondHeap.isEmpty() ? -1 : beyondHeap.get(beyondHeap.size() - 1),
        max(all.stream().map(MemoryRun.Phased::sample).toList(), Sample::tableReadersBytes));
  }

  /** Resident memory that is not the heap the JVM has committed: RocksDB, threads, metaspace, code, GC. */
  static long beyondHeap(Sample s) {
    return s.heapCommittedBytes() < 0 ? -1 : s.rssBytes() - s.heapCommittedBytes();
  }

  private static long max(List<?> samples, ToLongFunction<Sample> field) {
    long max = -1;
    for (Object o : samples) {
      Sample s = o instanceof MemoryRun.Phased p ? p.sample() : (Sample) o;
      max = Math.max(max, field.applyAsLong(s));
    }
    return max;
  }

  private static long lastOf(List<MemoryRun.Phased> samples, String phase, ToLongFunction<Sample> field) {
    long value = -1;
    for (MemoryRun.Phased p : samples) {
      if (p.phase().equals(phase)) {
        value = field.applyAsLong(p.sample());
      }
    }
    return value;
  }

  String markdown(String svgName, String dataDirName) throws IOException {
    MemoryRun any = runs.get(0);
    StringBuilder md = new StringBuilder();
    md.append("# Detect topology memory at 10^3 to 10^6 keys\n\n");
    md.append("Runs started ").append(runs.stream().map(r -> r.settings().get("started")).sorted().findFirst()
        .orElse("?")).append(" (UTC). Machine: ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores (").append(cpuModel()).append("), ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append(". The machine is shared with other work:"
            + " the figures are noisy, runtimes most of all.\n\n");
    md.append("What ran: the detect topology alone in a JVM of its own (`").append(any.settings()
        .get("worker_java_options")).append("`; 1152 MiB is the Helm chart's detect heap) configured as `logwarden run --topology"
        + " detect` configures it (the shipped policy, exactly-once v2, one stream thread, 3 partitions), against an"
        + " in-process broker in the benchmark's JVM. Input: failed sign-ins written to `security.events`, in"
        + " generations of N fresh keys (each key a source address and a user, so every sign-in rule has N keys per"
        + " generation), ").append(any.settings().get("signals_per_key")).append(" sign-ins per key, a generation"
        + " spanning ").append(any.settings().get("generation_event_seconds")).append(" s of event time and at least ")
        .append(any.settings().get("min_generation_seconds")).append(" s of wall-clock time; event time is"
            + " accelerated (a generation takes as long as the topology needs to process it). Rules: the benchmark's"
            + " `memory/rules.yaml`, the shipped rules with 10 s windows, 2 s grace and 10 s suppression (20 s window"
            + " and 5 s grace for the configuration-change sequence), so a key expires 22 s after its last sign-in"
            + " in stream time and in wall-clock time (with the shipped windows that wait is over 10 minutes). No"
            + " key reaches a threshold, so no alert is raised. After the last generation a trickle of 60 other"
            + " keys moves stream time on for the retention plus the time expiry needs to look at every key (it"
            + " looks at 2,000 keys a second per rule and task): \"settled\".\n\n");
    md.append("Rules file: `").append(any.settings().getOrDefault("rules", "memory/rules.yaml")).append("`.\n\n");
    md.append("Modes: **bounded** is the product's default, `rocksdb_memory_mb: 128` (one 128 MiB LRU cache for all"
        + " stores, index and filter blocks in it, memtables charged to it by one write buffer manager);"
        + " **unbounded** is `rocksdb_memory_mb: 0`, Kafka Streams' per-store defaults.\n\n");
    md.append("Samples every few seconds in the measured JVM: resident set (`VmRSS`, peak `VmHWM`), heap used right"
        + " after `System.gc()`, the heap the JVM has committed (the worker's heap is fixed and touched at start,"
        + " `-Xms` = `-Xmx` with `-XX:+AlwaysPreTouch`, so all of it is resident from the first sample and RSS beyond"
        + " it is RocksDB, thread stacks, metaspace, code and GC structures: growth of RSS is growth outside the"
        + " heap), bytes under the state directory, RocksDB's block cache usage and memtable size"
        + " (Kafka Streams' `block-cache-usage` and `size-all-mem-tables`; in the bounded mode the memtables are charged to"
        + " the cache, so they are part of its usage), index and filter blocks outside the cache"
        + " (`estimate-table-readers-mem`), and the records of `security.events`"
        + " the application has committed. State keys are counted exactly (every entry of the rules' `-states`"
        + " stores, one per rule and live key; each generation adds 4 per key: count per source, count per user,"
        + " distinct users per source, sign-in sequence per user) at the end of the last generation (bounded mode"
        + " only: counting reads every entry, which would fill the unbounded mode's per-store caches) and once"
        + " settled (the trickle's 60 keys add 240)."
        + " \"After retention\" is every sample from generation ").append(PLATEAU_FROM_GENERATION)
        .append(" on, the settle phase included: by then the first generation's keys have had a whole generation"
            + " to expire.\n\n");
    md.append("![resident set over processed records](").append(svgName).append(")\n\n");

    md.append("| keys per generation | mode | events | runtime | peak RSS | RSS after retention (median / max) |"
        + " RSS growth g2 end → last g end | RSS beyond committed heap after retention (median / max) |"
        + " heap after GC (max / settled) | state on disk (max / settled) |"
        + " state keys (last g end / settled) | block cache max | memtables max | index and filters outside the cache max |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (MemoryRun run : runs) {
      Figures f = figures(run);
      md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %d s | %s | %s / %s | %s | %s / %s | %s / %s | %s / %s"
              + " | %s / %s | %s | %s | %s |\n",
          f.keys(), f.mode() + (run.settings().containsKey("incomplete") ? " (incomplete)" : ""), f.events(),
          f.runtimeSeconds(), mib(f.peakRss()), mib(f.plateauRssMedian()),
          mib(f.plateauRssMax()), percent(f.growthAfterRetentionPercent()), mib(f.beyondHeapMedian()),
          mib(f.beyondHeapMax()), mib(f.heapAfterGcMax()),
          mib(f.heapAfterGcSettled()), mib(f.stateMax()), mib(f.stateSettled()), count(f.stateKeysLastGeneration()),
          count(f.stateKeysSettled()), mib(f.blockCacheMax()), mib(f.memtablesMax()), mib(f.tableReadersMax())));
    }
    md.append("\nCaveat: the harness waits for the application's committed offsets on `security.events` only;"
        + " each rule then works through its own repartition topic, which may still be behind when the state is"
        + " counted (after the last generation and once settled), so large runs' counts are taken while rules"
        + " are still processing.\n");
    md.append("\nResident set at the end of each generation and once settled:\n\n");
    int maxGenerations = runs.stream().mapToInt(MemoryRun::generations).max().orElse(0);
    md.append("| keys per generation | mode |");
    for (int g = 1; g <= maxGenerations; g++) {
      md.append(" g").append(g).append(" |");
    }
    md.append(" settled |\n|---:|---|");
    md.append("---:|".repeat(maxGenerations + 1)).append('\n');
    for (MemoryRun run : runs) {
      Figures f = figures(run);
      md.append(String.format(Locale.ROOT, "| %,d | %s |", f.keys(), f.mode()));
      for (int g = 0; g < maxGenerations; g++) {
        md.append(' ').append(g < f.rssAtGenerationEnds().size() ? mib(f.rssAtGenerationEnds().get(g)) : "").append(" |");
      }
      md.append(' ').append(mib(f.rssSettled())).append(" |\n");
    }
    for (MemoryRun run : runs) {
      if (run.settings().containsKey("incomplete")) {
        md.append(String.format(Locale.ROOT, "%nIncomplete: %,d keys, %s: %s.%n", run.keys(), run.mode(),
            run.settings().get("incomplete")));
      }
    }
    md.append("\nRaw samples, one file per run: `").append(dataDirName).append("/`. Sizes in MiB.\n");
    return md.toString();
  }

  String svg() {
    Map<Long, List<MemoryRun>> byKeys = new TreeMap<>();
    runs.forEach(run -> byKeys.computeIfAbsent(run.keys(), k -> new ArrayList<>()).add(run));
    int columns = Math.min(2, byKeys.size());
    int rows = (byKeys.size() + columns - 1) / columns;
    int panelWidth = 460;
    int panelHeight = 300;
    int width = columns * panelWidth + 20;
    int height = rows * panelHeight + 84;
    double yMax = 0;
    for (MemoryRun run : runs) {
      for (MemoryRun.Phased p : run.samples()) {
        yMax = Math.max(yMax, DetectMemoryBenchmark.mib(p.sample().rssBytes()));
      }
    }
    yMax = niceCeiling(yMax);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", width, height, width, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Detect topology: resident set (MiB)"
        + " over processed records</text>\n");
    svg.append("<text x=\"10\" y=\"34\">solid: RSS; dashed: RSS beyond the committed heap; dotted: heap after GC"
        + "</text>\n");
    svg.append("<text x=\"10\" y=\"48\">blue: bounded (rocksdb_memory_mb 128); orange: unbounded (Streams defaults);"
        + " grey: generation ends</text>\n");
    int index = 0;
    for (Map.Entry<Long, List<MemoryRun>> entry : byKeys.entrySet()) {
      int x0 = 10 + (index % columns) * panelWidth;
      int y0 = 59 + (index / columns) * panelHeight;
      panel(svg, entry.getKey(), entry.getValue(), x0, y0, panelWidth - 20, panelHeight - 20, yMax);
      index++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(StringBuilder svg, long keys, List<MemoryRun> runs, int x0, int y0, int w, int h,
      double yMax) {
    int left = x0 + 50;
    int top = y0 + 20;
    int plotW = w - 60;
    int plotH = h - 55;
    double xMax = 0;
    for (MemoryRun run : runs) {
      for (MemoryRun.Phased p : run.samples()) {
        xMax = Math.max(xMax, p.sample().processed());
      }
    }
    xMax = niceCeiling(Math.max(1, xMax));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%,d keys per generation"
        + "</text>\n", left, y0 + 12, keys));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
        + " stroke=\"#999\"/>\n", left, top, plotW, plotH));
    for (int t = 0; t <= 4; t++) {
      double v = yMax * t / 4;
      double y = top + plotH - plotH * t / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left, y, left + plotW, y, left - 4, y + 4, v));
      double xv = xMax * t / 4;
      double x = left + plotW * t / 4.0;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
          top + plotH + 14, shortCount(xv)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">records processed</text>\n",
        left + plotW / 2, top + plotH + 30));
    // Generation ends of the first run (all runs of a panel send the same events).
    MemoryRun first = runs.get(0);
    for (int g = 1; g <= first.generations(); g++) {
      long end = -1;
      for (MemoryRun.Phased p : first.samples()) {
        if (p.phase().equals("g" + g)) {
          end = p.sample().processed();
        }
      }
      if (end > 0) {
        double x = left + plotW * end / xMax;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\""
            + " stroke-dasharray=\"3,3\"/>\n", x, top, x, top + plotH));
      }
    }
    for (MemoryRun run : runs) {
      String color = run.mode().equals("bounded") ? "#1f77b4" : "#ff7f0e";
      svg.append(polyline(run, Sample::rssBytes, left, top, plotW, plotH, xMax, yMax, color, ""));
      svg.append(polyline(run, Sample::heapAfterGcBytes, left, top, plotW, plotH, xMax, yMax, color,
          " stroke-dasharray=\"2,2\""));
      if (run.samples().stream().allMatch(p -> p.sample().heapCommittedBytes() >= 0)) {
        svg.append(polyline(run, MemoryReport::beyondHeap, left, top, plotW, plotH, xMax, yMax, color,
            " stroke-dasharray=\"7,3\""));
      }
    }
  }

  private static String polyline(MemoryRun run, ToLongFunction<Sample> field, int left, int top, int plotW, int plotH,
      double xMax, double yMax, String color, String extra) {
    StringBuilder points = new StringBuilder();
    for (MemoryRun.Phased p : run.samples()) {
      double x = left + plotW * p.sample().processed() / xMax;
      double y = top + plotH - plotH * Math.min(1, DetectMemoryBenchmark.mib(field.applyAsLong(p.sample())) / yMax);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s points=\"%s\"/>\n",
        color, extra, points.toString().trim());
  }

  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String shortCount(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", DetectMemoryBenchmark.mib(bytes));
  }

  private static String count(long n) {
    return n < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", n);
  }

  private static String percent(double p) {
    return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%+.0f%%", p);
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown CPU";
    }
    return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
  }
}
