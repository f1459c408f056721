package io.logwarden.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in the process by one budget
 * ({@code rocksdb_memory_mb}): all stores share one LRU block cache, which also holds their index
 * and filter blocks, and one write buffer manager that charges their memtables to that cache.
 *
 * <p>Without it each store gets Kafka Streams' defaults (its own 50 MB block cache, three 16 MB
 * memtables, index and filter blocks outside any cache), so memory grows with the number of stores
 * (two per rule per task) and with the data they hold, and a container can be killed for it.
 *
 * <p>The budget reaches the setter through the Streams configuration ({@link #MEMORY_BYTES_CONFIG});
 * the cache and the write buffer manager are created once per budget and live as long as the
 * process, shared by the stores of every topology and task it runs; they are never closed with a
 * store. The bound is soft: blocks that a reader holds pinned may take the cache over it for a while.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Streams config key of the budget in bytes, set by {@link StreamsProperties}. */
  public static final String MEMORY_BYTES_CONFIG = "logwarden.rocksdb.memory.bytes";
  /** Share of the budget that memtables may take (charged to the cache, so within the budget). */
  static final double MEMTABLE_SHARE = 0.25;
  /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them all. */
  static final double INDEX_AND_FILTER_SHARE = 0.2;
  /** Memtables per store: one taking writes while one is flushed. */
  static final int MEMTABLES_PER_STORE = 2;
  static final long MAX_MEMTABLE_BYTES = 16L * 1024 * 1024;
  static final long MIN_MEMTABLE_BYTES = 1024L * 1024;
  /**
   * Memtables allocate in blocks of this size, each charged to the write buffer manager as a whole.
   * RocksDB's default (an eighth of the memtable, 1 MiB here) let the first block of each of detect's
   * dozens of stores (two per rule per task) fill the memtable budget before any data did, so every
   * write flushed a nearly empty memtable: RocksDB's flush and compaction threads then used more CPU
   * than the application.
   */
  static final long ARENA_BLOCK_BYTES = 64L * 1024;

  /** One cache and write buffer manager per budget; in practice one per process. */
  private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

  /** The process's cache and write buffer manager for a budget. */
  record Shared(long budgetBytes, Cache cache, WriteBufferManager writeBuffers) {}

  /** The shared objects for a budget, created on first use. */
  static Shared shared(long budgetBytes) {
    return SHARED.computeIfAbsent(budgetBytes, bytes -> {
      // Not a strict limit: a strict cache fails reads and writes when pinned blocks fill it.
      LRUCache cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
      return new Shared(bytes, cache, new WriteBufferManager(memtableBudget(bytes), cache));
    });
  }

  static long memtableBudget(long budgetBytes) {
    return (long) (budgetBytes * MEMTABLE_SHARE);
  }

  /** The size of one memtable: a few per store fit in the memtable budget, and none is larger than 16 MB. */
  static long memtableBytes(long budgetBytes) {
    long share = memtableBudget(budgetBytes) / (2L * MEMTABLES_PER_STORE);
    return Math.max(MIN_MEMTABLE_BYTES, Math.min(MAX_MEMTABLE_BYTES, share));
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long budget = budget(configs);
    Shared shared = shared(budget);
    // Keep Streams' table settings (its bloom filter, block size) and change only the memory ones.
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinL0FilterAndIndexBlocksInCache(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(shared.writeBuffers());
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setWriteBufferSize(memtableBytes(budget));
    options.setArenaBlockSize(ARENA_BLOCK_BYTES);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are the process's, shared with the other stores.
  }

  private static long budget(Map<String, Object> configs) {
    Object value = configs.get(MEMORY_BYTES_CONFIG);
    if (value == null) {
      throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not set: " + BoundedRocksDbMemory.class.getSimpleName()
          + " needs the budget from StreamsProperties");
    }
    long bytes = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    if (bytes <= 0) {
      throw new IllegalStateException(MEMORY_BYTES_CONFIG + " must be positive, not " + bytes);
    }
    return bytes;
  }
}
