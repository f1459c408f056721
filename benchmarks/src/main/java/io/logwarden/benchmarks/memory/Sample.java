package io.logwarden.benchmarks.memory;

/**
 * One measurement of the worker process, printed as one tab-separated line after {@link #PREFIX}.
 *
 * @param elapsedMs since the topology was RUNNING
 * @param processed records of the security-events topic committed by the application
 * @param rssBytes resident set size (VmRSS)
 * @param peakRssBytes highest resident set size so far (VmHWM)
 * @param heapAfterGcBytes heap in use right after {@code System.gc()}
 * @param stateBytes size of the files under the state directory
 * @param blockCacheBytes RocksDB block cache in use (the shared cache once; else the sum of the stores'), -1 unknown
 * @param memtableBytes RocksDB memtables of all stores, -1 unknown
 * @param stateKeys RocksDB's estimate of the entries of the rules' state stores (it counts every overwrite
 *     until a compaction merges them), -1 unknown
 * @param heapCommittedBytes heap the JVM has reserved from the system, -1 unknown (samples of older runs)
 * @param tableReadersBytes RocksDB's index and filter blocks held outside the block cache, all stores, -1 unknown
 */
record Sample(long elapsedMs, long processed, long rssBytes, long peakRssBytes, long heapAfterGcBytes, long stateBytes,
    long blockCacheBytes, long memtableBytes, long stateKeys, long heapCommittedBytes,
    long tableReadersBytes) {

  static final String PREFIX = "SAMPLE";
  static final String HEADER = "elapsed_ms\tprocessed\trss\tpeak_rss\theap_after_gc\tstate_bytes\tblock_cache"
      + "\tmemtables\tstate_keys\theap_committed\ttable_readers";

  String line() {
    return PREFIX + "\t" + fields();
  }

  String fields() {
    return elapsedMs + "\t" + processed + "\t" + rssBytes + "\t" + peakRssBytes + "\t" + heapAfterGcBytes + "\t"
        + stateBytes + "\t" + blockCacheBytes + "\t" + memtableBytes + "\t" + stateKeys + "\t" + heapCommittedBytes
        + "\t" + tableReadersBytes;
  }

  /** Parses {@link #line()} or {@link #fields()}; null for any other line. */
  static Sample parse(String line) {
    String text = line.startsWith(PREFIX + "\t") ? line.substring(PREFIX.length() + 1) : line;
    String[] f = text.split("\t");
    if (f.length < 9 || f.length > 11 || !Character.isDigit(f[0].charAt(0))) {
      return null;
    }
    long[] v = new long[11];
    v[9] = -1;
    v[10] = -1;
    for (int i = 0; i < f.length; i++) {
      v[i] = Long.parseLong(f[i]);
    }
    return new Sample(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
  }
}
