package io.logwarden.event;

/** Names of attributes that more than one stage reads: the normalizer writes them, redaction and detection read them. */
public final class EventAttributes {

  /** The process id a record names (an RFC 5424 PROCID, the {@code [PID]} of a syslog tag). */
  public static final String PROCESS_PID = "process.pid";
  /**
   * The catalogue entry, generic rule or built-in parser that classified the event; written only by
   * the normalizer, so a record's own field of that name cannot pose as one.
   */
  public static final String CLASSIFIED_BY = "classification.entry";
  /** An RFC 5424 record's MSGID header field. */
  public static final String SYSLOG_MSGID = "syslog.msgid";
  /** The prefix of an RFC 5424 record's structured data: {@code sd.<SD-ID>.<PARAM-NAME>}. */
  public static final String STRUCTURED_DATA_PREFIX = "sd.";

  private EventAttributes() {}
}
