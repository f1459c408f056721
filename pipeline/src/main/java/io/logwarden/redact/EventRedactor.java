package io.logwarden.redact;

import io.logwarden.normalize.EventIds;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.policy.FieldTreatment;
import io.logwarden.policy.RedactionSettings;
import io.logwarden.redact.rules.SecretRulesLoader;
import io.logwarden.schema.Actor;
import io.logwarden.schema.ErrorInfo;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import io.logwarden.schema.Target;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies the policy's redaction to an event before it is written anywhere: secrets replaced by
 * {@code [REDACTED:<kind>]} in every text field, e-mail and IP addresses in free text and the
 * identifier fields turned into keyed pseudonyms, and a record of which rules fired (never the
 * values) with the pseudonym key id. Also redacts raw payloads and texts bound for the DLQ.
 * Thread-safe.
 */
public final class EventRedactor {

  /** Counter of replacements, tagged with the rule (a bounded set of kinds). */
  public static final String REDACTIONS_METRIC = "logwarden.redactions";

  private static final Set<String> PSEUDONYM_RULES =
      Set.of("email", "ipv4", "ipv6", "user", "identifier", "hostname", "ip-truncated");

  private final SecretScanner secrets;
  private final Pseudonymizer pseudonymizer;
  private final PersonalDataScanner personal;
  private final RedactionSettings settings;
  private final MeterRegistry meters;

  /**
   * @throws io.logwarden.policy.PolicyException when the settings' secret rules file cannot be read
   *     or holds a bad rule
   */
  public EventRedactor(PseudonymKey key, RedactionSettings settings, MeterRegistry meters) {
    // The fast path, then the shipped community and logwarden rules plus the policy's own.
    this.secrets = new SecretScanner(SecretRulesLoader.forSettings(settings));
    this.pseudonymizer = new Pseudonymizer(key);
    this.personal = new PersonalDataScanner(pseudonymizer);
    this.settings = settings;
    this.meters = meters;
  }

  /** The id of the pseudonymization key, as recorded in events. */
  public String keyId() {
    return pseudonymizer.keyId();
  }

  /** Redacts the event in place and returns it. */
  public LogEvent redact(LogEvent event) {
    RedactionCounts counts = new RedactionCounts();
    event.setMessage(text(event.getMessage(), counts));
    event.setAttributes(attributes(event.getAttributes(), counts));
    ErrorInfo error = event.getError();
    if (error != null) {
      event.setError(new ErrorInfo(text(error.getType(), counts), text(error.getMessage(), counts),
          text(error.getStack(), counts)));
    }
    Actor actor = event.getActor();
    event.setActor(new Actor(field(actor.getUser(), settings.user(), "user", counts),
        text(actor.getProcess(), counts), text(actor.getService(), counts)));
    Source source = event.getSource();
    event.setSource(new Source(text(source.getHost(), counts),
        address(source.getAddress(), settings.sourceAddress(), counts), source.getPort()));
    Target target = event.getTarget();
    if (target != null) {
      event.setTarget(new Target(text(target.getKind(), counts), text(target.getName(), counts)));
    }
    // The producer's level word and action are free text too (a mutated record can put anything there).
    event.setSeverityText(text(event.getSeverityText(), counts));
    event.setAction(text(event.getAction(), counts));
    event.setTraceId(text(event.getTraceId(), counts));
    event.setSpanId(text(event.getSpanId(), counts));
    String id = event.getEventId();
    if (!text(id, counts).equals(id)) {
      // A producer's id that holds a secret or personal data must not become the store topics' key; a
      // redacted one would make distinct events share a key: use the id of events that bring none.
      Origin origin = event.getOrigin();
      event.setEventId(EventIds.of(origin.getTopic(), origin.getPartition(), origin.getOffset(), origin.getIndex()));
    }
    event.setRedaction(record(counts));
    count(counts);
    return event;
  }

  /** Redacts a text that leaves the pipeline outside an event (a dead letter's message or header). */
  public String redactText(String text) {
    RedactionCounts counts = new RedactionCounts();
    String result = text(text, counts);
    count(counts);
    return result;
  }

  /**
   * Redacts raw bytes (a dead letter's payload or key). UTF-8 text is redacted as text; anything
   * else is scanned byte for byte as Latin-1, so the ASCII secrets inside binary data are still found
   * and the other bytes are kept as they were.
   */
  public byte[] redactBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return bytes;
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      String redacted = redactText(text);
      return redacted == text ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
    } catch (CharacterCodingException notUtf8) {
      String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
      String redacted = redactText(latin1);
      return redacted == latin1 ? bytes : redacted.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private String text(String value, RedactionCounts counts) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    // Secrets first, so that a token holding an '@' or digits is removed whole, not pseudonymized in part.
    return personal.redact(secrets.redact(value, counts), counts);
  }

  private Map<String, String> attributes(Map<String, String> attributes, RedactionCounts counts) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Map<String, String> result = new LinkedHashMap<>(attributes.size() * 2);
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      String redacted;
      if (key.equals(ParsedEvent.CLASSIFIED_BY)) {
        // Only the normalizer's classifiedBy writes this key (a record's own field of the name is moved to
        // input.classification.entry): an entry id, a generic rule or a built-in parser, nothing of the record.
        result.put(key, value);
        continue;
      }
      if (SecretScanner.isSecretKey(key)) {
        redacted = secrets.redactValueOfSecretKey(value, counts);
      } else {
        FieldTreatment treatment = settings.attributes().get(key);
        redacted = treatment == null ? text(value, counts)
            : treatment == FieldTreatment.TRUNCATE ? address(value, treatment, counts)
            : field(value, treatment, "identifier", counts);
      }
      result.put(text(key, counts), redacted);
    }
    return result;
  }

  private String field(String value, FieldTreatment treatment, String rule, RedactionCounts counts) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (treatment) {
      case PSEUDONYMIZE -> personal.pseudonymizeField(secrets.redact(value, counts), counts, rule);
      case TRUNCATE -> personal.addressField(secrets.redact(value, counts), true, counts);
      case KEEP -> secrets.redact(value, counts);
    };
  }

  private String address(String value, FieldTreatment treatment, RedactionCounts counts) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (treatment) {
      case PSEUDONYMIZE -> personal.addressField(secrets.redact(value, counts), false, counts);
      case TRUNCATE -> personal.addressField(secrets.redact(value, counts), true, counts);
      case KEEP -> secrets.redact(value, counts);
    };
  }

  private Redaction record(RedactionCounts counts) {
    boolean pseudonymized = counts.asMap().keySet().stream().anyMatch(PSEUDONYM_RULES::contains);
    return new Redaction(new HashMap<>(counts.asMap()), pseudonymized ? pseudonymizer.keyId() : null);
  }

  private void count(RedactionCounts counts) {
    counts.asMap().forEach((rule, times) -> meters.counter(REDACTIONS_METRIC, "rule", rule).increment(times));
  }
}
