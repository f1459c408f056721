package io.logwarden.event;

import java.util.Locale;

/**
 * Why a record went to the dead-letter topic. A closed set, so the reason can be a metric label and
 * a replay filter.
 */
public enum DeadLetterReason {
  /** The record had no value (a tombstone) or an empty one. */
  EMPTY_RECORD,
  /** The value is not valid UTF-8 text. */
  NOT_TEXT,
  /** The value is not valid JSON. */
  NOT_JSON,
  /** The value is JSON but not an object (an array, a string, a number). */
  NOT_AN_OBJECT,
  /** The value is JSON nested deeper than the pipeline accepts. */
  TOO_DEEP,
  /** The record was read but holds no events (e.g. an empty batch). */
  NO_EVENTS,
  /** The value is a JSON object without a usable timestamp. */
  MISSING_TIMESTAMP,
  /** The value has a timestamp field that no known representation can read. */
  BAD_TIMESTAMP,
  /** The value is a JSON object without a message. */
  MISSING_MESSAGE,
  /** The value is larger than the pipeline accepts. */
  TOO_LARGE,
  /** The record's bytes could not be deserialized into the topic's type. */
  DESERIALIZATION_ERROR,
  /** A processor failed on the record for a reason not listed above. */
  PROCESSING_ERROR,
  /** The output record could not be serialized or written. */
  PRODUCTION_ERROR,
  /**
   * An alert's notification could not be delivered to one destination (it kept failing, or refused
   * it) and was parked here; not a raw record, so {@code dlq replay} skips it.
   */
  NOTIFICATION_FAILED;

  /** The reason as written in envelopes and metric labels, e.g. {@code not_json}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
