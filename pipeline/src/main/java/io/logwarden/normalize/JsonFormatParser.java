package io.logwarden.normalize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A parser of one shape of JSON object (an OTLP batch, a CloudTrail file, a Sentry event, ...). */
public interface JsonFormatParser {

  /** The format's id, written to {@code origin.format}, e.g. {@code otlp-json-logs}. */
  String format();

  /** Whether the object has this shape, judged by its keys; no full parse. */
  boolean matches(ObjectNode root);

  /**
   * The events of the object: one, or one per entry of a batch.
   *
   * @throws io.logwarden.event.RejectedRecordException when the object has the shape but
   *     cannot yield any event
   */
  List<ParsedEvent> parse(ObjectNode root, ParseContext context);
}
