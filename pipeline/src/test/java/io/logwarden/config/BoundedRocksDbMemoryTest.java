package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The setter on real RocksDB options and a real database: the budget is shared and sized as configured. */
class BoundedRocksDbMemoryTest {

  private static final long MIB = 1024L * 1024;

  @TempDir
  Path dir;

  // What Kafka Streams hands the setter: options with its own block-based table config in them.
  private static Options streamsOptions() {
    Options options = new Options().setCreateIfMissing(true);
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }

  @Test
  void everyStoreGetsTheSharedCacheWithIndexAndFilterBlocksInItAndBoundedMemtables() {
    long budget = 64 * MIB;
    try (Options first = streamsOptions(); Options second = streamsOptions()) {
      BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
      setter.setConfig("rule-a-signals", first, Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, budget));
      setter.setConfig("rule-a-states", second, Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, String.valueOf(budget)));

      for (Options options : new Options[] {first, second}) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
        assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
        assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
        assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
        // 64 MiB: a quarter (16 MiB) for memtables, two stores' worth of two memtables each: 4 MiB.
        assertThat(options.writeBufferSize()).isEqualTo(4 * MIB);
        assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      }
      assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager())
          .isSameAs(BoundedRocksDbMemory.shared(budget).writeBuffers());
      setter.close("rule-a-signals", first);
      setter.close("rule-a-states", second);
      // Closing a store leaves the shared objects to the others.
      assertThat(BoundedRocksDbMemory.shared(budget).cache().isOwningHandle()).isTrue();
    }
  }

  @Test
  void memtablesAreBetweenOneAndSixteenMebibytes() {
    assertThat(BoundedRocksDbMemory.memtableBytes(16 * MIB)).isEqualTo(MIB);
    assertThat(BoundedRocksDbMemory.memtableBytes(128 * MIB)).isEqualTo(8 * MIB);
    assertThat(BoundedRocksDbMemory.memtableBytes(4096 * MIB)).isEqualTo(16 * MIB);
  }

  /** The write buffer manager charges memtables to the shared cache: writes to any store show in it. */
  @Test
  void writesToTwoDatabasesAreChargedToTheOneCache() throws Exception {
    long budget = 32 * MIB;
    BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
    long before = BoundedRocksDbMemory.shared(budget).cache().getUsage();
    try (Options a = streamsOptions(); Options b = streamsOptions()) {
      setter.setConfig("a", a, Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, budget));
      setter.setConfig("b", b, Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, budget));
      try (RocksDB first = RocksDB.open(a, dir.resolve("a").toString());
          RocksDB second = RocksDB.open(b, dir.resolve("b").toString())) {
        byte[] value = new byte[1024];
        for (int i = 0; i < 2_000; i++) {
          first.put(("key-" + i).getBytes(), value);
          second.put(("key-" + i).getBytes(), value);
        }
        long usage = BoundedRocksDbMemory.shared(budget).cache().getUsage() - before;
        // About 4 MB went into the memtables; the manager charges them in whole arena blocks.
        assertThat(usage).isGreaterThan(2 * MIB).isLessThanOrEqualTo(budget);
      }
    }
  }

  /**
   * Detect runs dozens of stores (two per rule per task) under one memtable budget. A little data in
   * each must not fill the budget: with RocksDB's default arena block (an eighth of the memtable)
   * the first block of each store did, and every write flushed a nearly empty memtable. The control
   * run puts that default back and sees the flushes.
   */
  @ParameterizedTest(name = "default arena blocks: {0}")
  @ValueSource(booleans = {false, true})
  void aLittleDataInEachOfDozensOfStoresFlushesNothing(boolean defaultArenaBlocks) throws Exception {
    long budget = (defaultArenaBlocks ? 100 : 96) * MIB; // a write buffer manager of its own
    int stores = 42;
    BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
    List<Options> options = new ArrayList<>();
    List<RocksDB> databases = new ArrayList<>();
    try {
      for (int i = 0; i < stores; i++) {
        Options o = streamsOptions();
        options.add(o);
        setter.setConfig("store-" + i, o, Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, budget));
        if (defaultArenaBlocks) {
          o.setArenaBlockSize(o.writeBufferSize() / 8);
        }
        databases.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
      }
      byte[] value = new byte[100];
      for (int round = 0; round < 3; round++) {
        for (RocksDB db : databases) {
          for (int k = 0; k < 50; k++) {
            db.put(("key-" + round + "-" + k).getBytes(), value);
          }
        }
      }
      long flushed = 0;
      long deadline = System.nanoTime() + 5_000_000_000L;
      do { // flushes run in the background: give them time to show
        Thread.sleep(100);
        flushed = 0;
        for (RocksDB db : databases) {
          flushed += Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim())
              + db.getLongProperty("rocksdb.num-immutable-mem-table");
        }
      } while (defaultArenaBlocks && flushed == 0 && System.nanoTime() < deadline);
      // 42 stores × 15 KB of data: 630 KB against a 24 MiB memtable budget.
      if (defaultArenaBlocks) {
        assertThat(flushed).as("flushed memtables with default arena blocks").isPositive();
      } else {
        assertThat(flushed).as("flushed memtables").isZero();
      }
    } finally {
      databases.forEach(RocksDB::close);
      options.forEach(Options::close);
    }
  }

  @Test
  void withoutABudgetTheSetterRefusesToGuess() {
    try (Options options = streamsOptions()) {
      assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("s", options, Map.of()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
    }
  }
}
