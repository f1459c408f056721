package io.logwarden.benchmarks.flood;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every alert record read from the alerts topic, folded per alert id: its OPEN record, how many
 * records of each status, the largest count and distinct count, the latest last_seen. Fed by the
 * alert reader's thread, read by the benchmark's.
 */
final class AlertLog implements Consumer<ConsumerRecord<String, Alert>> {

  /** One alert id's records. */
  static final class Entry {
    final String alertId;
    String ruleId;
    String key;
    int records;
    int opens;
    int updates;
    int escalations;
    int closes;
    /** The OPEN record's fields, or null when no OPEN record was read. */
    Long openedAt;
    long openCount;
    Long openDistinct;
    long openFirstSeen;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    long maxCount;
    long maxDistinct;
    boolean keyOrRuleChanged;
    /** Each record's status (O, U, E for an escalation step, C) and detected_at, in the order read. */
    final StringBuilder statuses = new StringBuilder(4);
    long[] detectedAt = new long[4];

    Entry(String alertId) {
      this.alertId = alertId;
    }

    boolean closed() {
      return closes > 0;
    }
  }

  private final Map<String, Entry> byId = new HashMap<>();
  private long recordsRead;

  @Override
  public synchronized void accept(ConsumerRecord<String, Alert> record) {
    recordsRead++;
    Alert alert = record.value();
    if (alert == null) {
      return; // a tombstone: logwarden writes none
    }
    Entry entry = byId.computeIfAbsent(alert.getAlertId(), Entry::new);
    if (entry.ruleId == null) {
      entry.ruleId = alert.getRuleId();
      entry.key = alert.getKey();
    } else if (!entry.ruleId.equals(alert.getRuleId()) || !entry.key.equals(alert.getKey())) {
      entry.keyOrRuleChanged = true;
    }
    if (entry.records == entry.detectedAt.length) {
      entry.detectedAt = java.util.Arrays.copyOf(entry.detectedAt, entry.records * 2);
    }
    entry.detectedAt[entry.records] = alert.getDetectedAt().toEpochMilli();
    entry.statuses.append(switch (alert.getStatus()) {
      case OPEN -> 'O';
      case UPDATED -> alert.getEscalationStep() != null ? 'E' : 'U';
      case CLOSED -> 'C';
      default -> '?';
    });
    entry.records++;
    long count = alert.getCount();
    long distinct = alert.getDistinctCount() == null ? 0 : alert.getDistinctCount();
    entry.maxCount = Math.max(entry.maxCount, count);
    entry.maxDistinct = Math.max(entry.maxDistinct, distinct);
    entry.firstSeen = Math.min(entry.firstSeen, alert.getFirstSeen().toEpochMilli());
    entry.lastSeen = Math.max(entry.lastSeen, alert.getLastSeen().toEpochMilli());
    AlertStatus status = alert.getStatus();
    if (status == AlertStatus.OPEN) {
      entry.opens++;
      if (entry.openedAt == null) {
        entry.openedAt = alert.getDetectedAt().toEpochMilli();
        entry.openCount = count;
        entry.openDistinct = alert.getDistinctCount();
        entry.openFirstSeen = alert.getFirstSeen().toEpochMilli();
      }
    } else if (status == AlertStatus.UPDATED) {
      entry.updates++;
      if (alert.getEscalationStep() != null) {
        entry.escalations++;
      }
    } else if (status == AlertStatus.CLOSED) {
      entry.closes++;
    }
  }

  synchronized long recordsRead() {
    return recordsRead;
  }

  /** A copy of the alerts so far (the entries themselves are live: read them once the reader is closed). */
  synchronized List<Entry> entries() {
    return new ArrayList<>(byId.values());
  }
}
