package io.logwarden.benchmarks.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The effective settings of the detect application that bear on latency, defaults resolved. */
public final class StreamsSettings {

  private StreamsSettings() {}

  public static Map<String, String> of(StreamsConfig config) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)));
    settings.put(StreamsConfig.POLL_MS_CONFIG, String.valueOf(config.getLong(StreamsConfig.POLL_MS_CONFIG)));
    settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)));
    settings.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
        String.valueOf(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)));
    Map<String, Object> producer = config.getProducerConfigs("detect-producer");
    settings.put("producer " + ProducerConfig.LINGER_MS_CONFIG, String.valueOf(producer.getOrDefault(
        ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.configDef().defaultValues().get(ProducerConfig.LINGER_MS_CONFIG))));
    Map<String, Object> consumer = config.getMainConsumerConfigs("detect", "detect-consumer", 0);
    settings.put("consumer " + ConsumerConfig.ISOLATION_LEVEL_CONFIG, String.valueOf(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)));
    settings.put("consumer " + ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(consumer.getOrDefault(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ConsumerConfig.DEFAULT_MAX_POLL_RECORDS)));
    settings.put("consumer " + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(consumer.getOrDefault(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS)));
    return settings;
  }
}
