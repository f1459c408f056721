package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.PolicyLoader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsPropertiesTest {

  @TempDir
  Path dir;

  /**
   * The Helm chart's static membership: the detect pod's name, given as LOGWARDEN_GROUP_INSTANCE_ID,
   * becomes one instance id per stream thread of the main consumer, and reaches no other client
   * (the restore and global consumers belong to no group).
   */
  @Test
  void theGroupInstanceIdReachesEachStreamThreadsMainConsumerOnly() throws IOException {
    Path file = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: k:9092\n");
    LogwardenConfig config = ConfigLoader.load(file, Map.of("LOGWARDEN_PSEUDONYM_KEY",
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "LOGWARDEN_GROUP_INSTANCE_ID", "lw-logwarden-detect-0"));
    StreamsConfig streams = new StreamsConfig(StreamsProperties.of(config, TopologyKind.DETECT,
        PolicyLoader.loadDefault(), new SimpleMeterRegistry()));

    String group = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    assertThat(group).isEqualTo("logwarden-detect");
    assertThat(streams.getMainConsumerConfigs(group, "c", 1)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        "lw-logwarden-detect-0-1");
    assertThat(streams.getMainConsumerConfigs(group, "c", 2)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        "lw-logwarden-detect-0-2");
    assertThat(streams.getRestoreConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    assertThat(streams.getGlobalConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    assertThat(streams.getProducerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void theRocksDbBudgetOfTheConfigReachesTheSetterAndZeroLeavesStreamsDefaults() throws IOException {
    LogwardenConfig config = config("kafka:\n  bootstrap.servers: k:9092\nrocksdb_memory_mb: 96\n");
    StreamsConfig streams = new StreamsConfig(StreamsProperties.of(config, TopologyKind.DETECT,
        PolicyLoader.loadDefault(), new SimpleMeterRegistry()));
    assertThat(streams.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
    assertThat(streams.originals()).containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 96L * 1024 * 1024);

    StreamsConfig unbounded = new StreamsConfig(StreamsProperties.of(config.withRocksDbMemoryMb(0), TopologyKind.DETECT,
        PolicyLoader.loadDefault(), new SimpleMeterRegistry()));
    assertThat(unbounded.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isNull();
    assertThat(unbounded.originals()).doesNotContainKey(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
  }

  /**
   * Alerts wait for two of detect's commits; under exactly-once detect commits more often than
   * normalize (Kafka Streams' default), under at-least-once (outputs readable when sent) both keep
   * Kafka Streams' defaults.
   */
  @Test
  void detectCommitsMoreOftenThanNormalizeUnderExactlyOnceOnly() throws IOException {
    LogwardenConfig exactlyOnce = config("kafka:\n  bootstrap.servers: k:9092\n");
    long normalize = commitInterval(exactlyOnce, TopologyKind.NORMALIZE);
    long detect = commitInterval(exactlyOnce, TopologyKind.DETECT);
    assertThat(normalize).isEqualTo(100);
    assertThat(detect).isLessThan(normalize);

    LogwardenConfig loose = config("kafka:\n  bootstrap.servers: k:9092\nprocessing_guarantee: at_least_once\n");
    assertThat(commitInterval(loose, TopologyKind.DETECT)).isEqualTo(commitInterval(loose, TopologyKind.NORMALIZE))
        .isEqualTo(30_000);
  }

  /**
   * An operator who prefers throughput to alert latency sets both under `kafka:`; they then win, in
   * both topologies.
   */
  @Test
  void normalizeNeverWaitsForAnEmptyInputPartitionAndDetectKeepsStreamsDefault() throws IOException {
    LogwardenConfig config = config("kafka:\n  bootstrap.servers: k:9092\n");
    assertThat(streams(config, TopologyKind.NORMALIZE).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    assertThat(streams(config, TopologyKind.DETECT).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .isZero();

    LogwardenConfig waiting = config("kafka:\n  bootstrap.servers: k:9092\n  max.task.idle.ms: 500\n");
    assertThat(streams(waiting, TopologyKind.NORMALIZE).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .isEqualTo(500);
  }

  @Test
  void pollAndCommitIntervalSetUnderKafkaWinOverThePipelinesDefaults() throws IOException {
    LogwardenConfig config = config("kafka:\n  bootstrap.servers: k:9092\n  commit.interval.ms: 250\n  poll.ms: 40\n");
    for (TopologyKind kind : TopologyKind.values()) {
      StreamsConfig streams = streams(config, kind);
      assertThat(streams.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as("%s", kind).isEqualTo(250);
      assertThat(streams.getLong(StreamsConfig.POLL_MS_CONFIG)).as("%s", kind).isEqualTo(40);
    }
  }

  private LogwardenConfig config(String yaml) throws IOException {
    return ConfigLoader.load(Files.writeString(dir.resolve("logwarden.yaml"), yaml), Map.of("LOGWARDEN_PSEUDONYM_KEY",
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
  }

  private static StreamsConfig streams(LogwardenConfig config, TopologyKind kind) {
    return new StreamsConfig(StreamsProperties.of(config, kind, PolicyLoader.loadDefault(), new SimpleMeterRegistry()));
  }

  private static long commitInterval(LogwardenConfig config, TopologyKind kind) {
    return streams(config, kind).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }

  /**
   * A stream thread commits only between polls. For both topologies, under the default guarantee
   * (exactly-once, whose commits make outputs readable), the time it may block in one poll must be
   * small next to its commit interval, or a thread waiting for input commits late, and each hop of an
   * alert's path waits for that commit.
   */
  @Test
  void aThreadWaitingForInputPollsForAFractionOfItsCommitInterval() throws IOException {
    LogwardenConfig config = config("kafka:\n  bootstrap.servers: k:9092\n");
    for (TopologyKind kind : TopologyKind.values()) {
      StreamsConfig streams = streams(config, kind);
      assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(
          kind == TopologyKind.NOTIFY ? StreamsConfig.AT_LEAST_ONCE : StreamsConfig.EXACTLY_ONCE_V2);
      assertThat(streams.getLong(StreamsConfig.POLL_MS_CONFIG)).as("%s", kind)
          .isLessThanOrEqualTo(streams.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG) / 5);
    }
  }

  /**
   * Notifications are HTTP requests and file writes: no Kafka transaction covers them, so the notify
   * topology runs at-least-once whatever the deployment's guarantee, commits often (a state delivered
   * but not committed is sent again after a crash), and fetches few records at a time (each may wait
   * for its destinations).
   */
  @Test
  void notifyRunsAtLeastOnceWithFrequentCommitsAndSmallPolls() throws IOException {
    LogwardenConfig config = config("kafka:\n  bootstrap.servers: k:9092\nprocessing_guarantee: exactly_once_v2\n");
    StreamsConfig notify = streams(config, TopologyKind.NOTIFY);
    assertThat(notify.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(notify.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(StreamsProperties.NOTIFY_COMMIT_INTERVAL_MS);
    assertThat(notify.originals()).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        StreamsProperties.NOTIFY_MAX_POLL_RECORDS);
    assertThat(notify.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("logwarden-notify");
    // The bound of one record's wait (the longest delivery timeout and a few seconds' grace) is inside
    // the half of max.poll.interval.ms after which a stream thread stops processing to poll.
    Object configured = notify.getMainConsumerConfigs("g", "c", 0).get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    long maxPollInterval = Long.parseLong(String.valueOf(configured != null ? configured
        : ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)));
    assertThat(io.logwarden.notify.DeliveryPolicy.MAX_DELIVERY_TIMEOUT.plusSeconds(5).toMillis())
        .isLessThan(maxPollInterval / 2);
  }
}
