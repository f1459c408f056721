package io.logwarden.normalize;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a parser may know about the record besides its bytes.
 *
 * @param topic the raw topic
 * @param observedTime when Kafka received the record: the reference for year-less syslog dates
 *     (which must not land in the future of it)
 * @param zone the zone of timestamps that carry none (UTC unless the source's settings say otherwise)
 */
public record ParseContext(String topic, Instant observedTime, ZoneId zone) {
  public ParseContext {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(observedTime, "observedTime");
    Objects.requireNonNull(zone, "zone");
  }
}
