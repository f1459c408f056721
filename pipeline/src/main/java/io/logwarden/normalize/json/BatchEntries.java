package io.logwarden.normalize.json;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.ParsedEvent;
import java.util.List;

/**
 * The end of reading a batch: entries that could not become events are not dropped silently. The
 * events of the batch are flagged, and a batch none of whose entries could be read is rejected.
 */
final class BatchEntries {

  /** Flag: some entries of the event's batch were not objects of the format and were skipped. */
  static final String SKIPPED_ENTRIES = "skipped_entries";

  private BatchEntries() {}

  static List<ParsedEvent> finish(List<ParsedEvent> events, int skipped, String format) {
    if (skipped == 0) {
      return events;
    }
    if (events.isEmpty()) {
      throw new RejectedRecordException(DeadLetterReason.NO_EVENTS, format,
          "none of the " + skipped + " batch entries is a readable " + format + " entry");
    }
    for (ParsedEvent event : events) {
      event.flag(SKIPPED_ENTRIES);
    }
    return events;
  }
}
