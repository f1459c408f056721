package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.detect.Progress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the flood's lines to its raw topic as fast as one producer can: each line a record keyed by
 * the host that logged it, on the partition of that host (as a shipper per host would), in the plan's
 * order, which is event-time order.
 */
final class FloodProducer {

  static final String CLIENT_ID = "bench-flood";

  /**
   * @param firstSendMs when the first record was handed to the producer (epoch ms)
   * @param lastAckMs when every record had been acknowledged (the flush returned; epoch ms)
   * @param perPartition raw records per partition of the topic
   */
  record Result(long records, long bytes, long failures, long successes, long firstSendMs, long lastAckMs, long errors,
      long[] perPartition, Map<String, String> settings) {

    double seconds() {
      return Math.max(1, lastAckMs - firstSendMs) / 1e3;
    }
  }

  private FloodProducer() {}

  /** The producer's settings besides the bootstrap address. */
  static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    settings.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return settings;
  }

  /** Sends the plan's events, dated from {@code startMs} on, to {@code topic}; returns once all are acknowledged. */
  static Result send(Map<String, Object> client, String topic, int partitions, FloodPlan plan, long startMs) {
    Properties props = new Properties();
    props.putAll(client);
    props.putAll(settings());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    AtomicLong errors = new AtomicLong();
    long[] perPartition = new long[partitions];
    long records = 0;
    long bytes = 0;
    long failures = 0;
    long successes = 0;
    byte[][] hostKeys = new byte[plan.settings().hosts()][];
    for (int h = 0; h < hostKeys.length; h++) {
      hostKeys[h] = plan.hostName(h).getBytes(StandardCharsets.UTF_8);
    }
    long first;
    long acked;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic); // metadata before the clock starts
      first = System.currentTimeMillis();
      long nextReport = first + 5_000;
      for (int i = 0; i < plan.size(); i++) {
        int host = plan.hostOf(plan.address(i));
        int partition = host % partitions;
        for (int k = 0; k < plan.linesOf(i); k++) {
          byte[] line = plan.line(i, k, startMs).getBytes(StandardCharsets.UTF_8);
          producer.send(new ProducerRecord<>(topic, partition, hostKeys[host], line), (metadata, error) -> {
            if (error != null) {
              errors.incrementAndGet();
            }
          });
          perPartition[partition]++;
          records++;
          bytes += line.length;
        }
        if (plan.isSuccess(i)) {
          successes++;
        } else {
          failures++;
        }
        if ((i & 0xfff) == 0 && System.currentTimeMillis() >= nextReport) {
          Progress.log("flood: %,d of %,d events handed to the producer", i, plan.size());
          nextReport += 5_000;
        }
      }
      producer.flush();
      acked = System.currentTimeMillis();
    }
    return new Result(records, bytes, failures, successes, first, acked, errors.get(), perPartition, settings());
  }
}
