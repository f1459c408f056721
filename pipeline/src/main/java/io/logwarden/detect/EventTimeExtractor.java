package io.logwarden.detect;

import io.logwarden.schema.LogEvent;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Detection runs on event time: the event's own time, capped at the time Kafka received it plus the
 * clock-skew tolerance. Without the cap, one event dated far in the future would advance stream
 * time and close every window, silencing detection on that partition.
 */
public final class EventTimeExtractor implements TimestampExtractor {

  private final long maxAheadMillis;

  public EventTimeExtractor(Duration maxAhead) {
    this.maxAheadMillis = maxAhead.toMillis();
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof LogEvent event) {
      long eventTime = event.getEventTime().toEpochMilli();
      long observed = record.timestamp() >= 0 ? record.timestamp() : event.getObservedTime().toEpochMilli();
      return Math.min(eventTime, observed + maxAheadMillis);
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
