package io.logwarden.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics as they stand, whole or a window of record times, committed records only (the
 * pipeline writes in transactions), without joining a consumer group. One consumer serves every read.
 */
public final class TopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;

  public TopicReader(Map<String, Object> clientProperties) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A reader must never create a topic by asking for it: with broker defaults it would drift from the policy.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Every committed record of the topic, up to its end at the time of the call. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
    return readAll(List.of(topic), timeout).get(topic);
  }

  /** Every committed record of each topic, up to its end at the time of the call, in one pass. */
  public Map<String, List<ConsumerRecord<byte[], byte[]>>> readAll(Collection<String> topics, Duration timeout) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic = new LinkedHashMap<>();
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      byTopic.put(topic, new ArrayList<>());
      consumer.partitionsFor(topic, timeout)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    // With read_committed, the end offsets are the last stable offsets.
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Instant deadline = Instant.now().plus(timeout);
    while (!reachedEnd(end) && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
          byTopic.get(record.topic()).add(record);
        }
      }
    }
    return byTopic;
  }

  /**
   * Visits the committed records of the topics whose timestamps lie in (from, to], up to each
   * partition's end at the time of the call. Each partition starts at the first offset whose
   * timestamp is after {@code from} (the broker's time index), so older data is not read; records
   * after that offset but older, or newer than {@code to}, are skipped. Records of one partition
   * come in offset order.
   *
   * @throws TimeoutException when the end of every partition is not reached within the timeout
   */
  public void readWindow(Collection<String> topics, Instant from, Instant to, Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, timeout)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long fromMillis = from.toEpochMilli();
    long toMillis = to.toEpochMilli();
    // The broker refuses negative target times; a window reaching before 1970 starts at the beginning.
    long target = Math.max(0L, fromMillis + 1);
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, target));
    Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, timeout);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp first = start.get(partition);
      long endOffset = end.get(partition);
      consumer.seek(partition, first == null ? endOffset : Math.min(first.offset(), endOffset));
    }
    Instant deadline = Instant.now().plus(timeout);
    while (!reachedEnd(end)) {
      if (!Instant.now().isBefore(deadline)) {
        throw new TimeoutException("reading " + String.join(", ", topics) + " did not reach the end within "
            + timeout.toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
            && record.timestamp() > fromMillis && record.timestamp() <= toMillis) {
          visitor.accept(record);
        }
      }
    }
  }

  /**
   * Visits the committed records of the topics from the first whose timestamp is at or after
   * {@code from} (from the beginning when null), in offset order per partition, up to each
   * partition's end at the time of the call; then tells {@code caughtUp}. With {@code follow}, goes
   * on visiting records as they are committed until {@code stop} says so (or the thread is
   * interrupted).
   *
   * @throws TimeoutException when the end is not reached within the timeout
   */
  public void read(Collection<String> topics, Instant from, boolean follow, BooleanSupplier stop, Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> visitor, Runnable caughtUp) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, timeout)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    if (from == null) {
      consumer.seekToBeginning(partitions);
    } else {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(partition -> query.put(partition, Math.max(0L, from.toEpochMilli())));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, timeout);
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp first = start.get(partition);
        consumer.seek(partition, first == null ? end.get(partition) : Math.min(first.offset(), end.get(partition)));
      }
    }
    Instant deadline = Instant.now().plus(timeout);
    boolean caught = false;
    // Records past a partition's end that came before every partition reached its end: visited
    // after caughtUp, in the order they came.
    List<ConsumerRecord<byte[], byte[]>> early = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted() && !stop.getAsBoolean()) {
      if (!caught && reachedEnd(end)) {
        caught = true;
        caughtUp.run();
        if (!follow) {
          return;
        }
        early.forEach(visitor);
        early.clear();
      }
      if (!caught && !Instant.now().isBefore(deadline)) {
        throw new TimeoutException("reading " + String.join(", ", topics) + " did not reach the end within "
            + timeout.toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (caught || record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
          visitor.accept(record);
        } else if (follow) {
          early.add(record);
        }
      }
    }
  }

  private boolean reachedEnd(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
