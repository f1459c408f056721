package io.logwarden.evidence;

import io.logwarden.schema.DeadLetter;
import java.util.Map;
import java.util.TreeMap;

/** Dead letters in the period by reason and by the topic their record came from; counts only. */
final class DeadLetterTally {

  private final Map<String, Map<String, Long>> byReason = new TreeMap<>();
  private final Map<String, Long> undecodable = new TreeMap<>();
  private long total;

  void accept(DeadLetter letter) {
    total++;
    byReason.computeIfAbsent(letter.getReason(), reason -> new TreeMap<>())
        .merge(letter.getOrigin().getTopic(), 1L, Long::sum);
  }

  void undecodable(String topic) {
    undecodable.merge(topic, 1L, Long::sum);
  }

  long total() {
    return total;
  }

  /** Reason to origin topic to count, both sorted. */
  Map<String, Map<String, Long>> byReason() {
    return byReason;
  }

  Map<String, Long> undecodable() {
    return undecodable;
  }
}
