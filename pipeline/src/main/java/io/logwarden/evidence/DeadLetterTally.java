package io.logwarden.evidence;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.notify.NotifyProcessor;
import io.logwarden.schema.DeadLetter;
import java.util.Map;
import java.util.TreeMap;

/** Dead letters in the period by reason and by the topic their record came from; counts only. */
final class DeadLetterTally {

  private final Map<String, Map<String, Long>> byReason = new TreeMap<>();
  private final Map<String, Long> undecodable = new TreeMap<>();
  private final Map<String, Long> parkedByDestination = new TreeMap<>();
  private long total;

  void accept(DeadLetter letter) {
    total++;
    byReason.computeIfAbsent(letter.getReason(), reason -> new TreeMap<>())
        .merge(letter.getOrigin().getTopic(), 1L, Long::sum);
    if (DeadLetterReason.NOTIFICATION_FAILED.code().equals(letter.getReason())) {
      String destination = letter.getHeaders().get(NotifyProcessor.DESTINATION_HEADER);
      parkedByDestination.merge(destination == null ? "(unnamed)" : destination, 1L, Long::sum);
    }
  }

  /** Parked notifications (reason {@code notification_failed}) by destination, sorted. */
  Map<String, Long> parkedByDestination() {
    return parkedByDestination;
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
