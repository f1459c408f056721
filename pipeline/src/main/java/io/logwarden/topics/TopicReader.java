package io.logwarden.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads whole topics as they stand, committed records only (the pipeline writes in transactions),
 * without joining a consumer group. One consumer serves every read.
 */
public final class TopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;

  public TopicReader(Map<String, Object> clientProperties) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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
