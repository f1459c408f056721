package io.logwarden.benchmarks.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one run (one number of keys, one RocksDB configuration) with what the run was, kept
 * as a tab-separated file so that a report can be drawn again from runs of several invocations.
 *
 * @param settings {@code keys}, {@code mode} (bounded or unbounded), {@code rocksdb_memory_mb},
 *     {@code signals_per_key}, {@code generations}, {@code events}, {@code runtime_s}, ...
 * @param samples each with the phase it was taken in: {@code g1}..{@code gN} while generation N was
 *     sent and processed, {@code settle} after the last
 */
record MemoryRun(Map<String, String> settings, List<Phased> samples) {

  static final String SETTLE = "settle";

  record Phased(String phase, Sample sample) {}

  long keys() {
    return Long.parseLong(settings.get("keys"));
  }

  String mode() {
    return settings.get("mode");
  }

  int generations() {
    return Integer.parseInt(settings.get("generations"));
  }

  static int generationOf(String phase) {
    return phase.equals(SETTLE) ? Integer.MAX_VALUE : Integer.parseInt(phase.substring(1));
  }

  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append("# ").append(key).append('=').append(value).append('\n'));
    text.append("phase\t").append(Sample.HEADER).append('\n');
    for (Phased p : samples) {
      text.append(p.phase()).append('\t').append(p.sample().fields()).append('\n');
    }
    Files.writeString(file, text);
  }

  static MemoryRun read(Path file) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    List<Phased> samples = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("# ")) {
        int eq = line.indexOf('=');
        settings.put(line.substring(2, eq), line.substring(eq + 1));
      } else if (!line.startsWith("phase\t") && !line.isBlank()) {
        int tab = line.indexOf('\t');
        Sample sample = Sample.parse(line.substring(tab + 1));
        if (sample == null) {
          throw new IOException(file + ": not a sample: " + line);
        }
        samples.add(new Phased(line.substring(0, tab), sample));
      }
    }
    return new MemoryRun(settings, samples);
  }
}
