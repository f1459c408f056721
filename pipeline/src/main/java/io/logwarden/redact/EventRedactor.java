package io.logwarden.redact;

import io.logwarden.event.EventAttributes;
import io.logwarden.event.EventIds;
import io.logwarden.event.Metrics;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the policy's redaction to an event before it is written anywhere: secrets replaced by
 * {@code [REDACTED:<kind>]} in every text field, e-mail and IP addresses in free text and the
 * identifier fields turned into keyed pseudonyms, and a record of which rules fired (never the
 * values) with the pseudonym key id. Also redacts raw payloads and texts bound for the DLQ.
 * Thread-safe.
 */
public final class EventRedactor {


  private static final Set<String> PSEUDONYM_RULES =
      Set.of("email", "ipv4", "ipv6", "user", "identifier", "hostname", "ip-truncated");

  private final SecretScanner secrets;
  private final Pseudonymizer pseudonymizer;
  private final PersonalDataScanner personal;
  private final RedactionSettings settings;
  private final MeterRegistry meters;
  private final Map<String, Counter> redactions = new ConcurrentHashMap<>();

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
    return redact(event, RawSecrets.NONE);
  }

  /**
   * Redacts the events of one record in place: scans the record's raw text once, then redacts each
   * event, replacing the raw text's secrets wherever the event's fields hold them (see {@link RawSecrets}).
   *
   * @param rawText the record's text as it arrived, or null
   */
  public List<LogEvent> redact(List<LogEvent> events, String rawText) {
    RawSecrets raw = events.isEmpty() ? RawSecrets.NONE : RawSecrets.of(secrets, rawText);
    for (LogEvent event : events) {
      redact(event, raw);
    }
    return events;
  }

  /** The secrets of a record's raw text, for {@link #redact(LogEvent, RawSecrets)}. */
  public RawSecrets rawSecrets(String rawText) {
    return RawSecrets.of(secrets, rawText);
  }

  /** Redacts the event in place, replacing {@code raw}'s secrets wherever its fields hold them, and returns it. */
  public LogEvent redact(LogEvent event, RawSecrets raw) {
    RedactionCounts counts = new RedactionCounts();
    Scan scan = new Scan(counts, raw);
    event.setMessage(message(event, scan));
    event.setAttributes(attributes(event.getAttributes(), scan));
    ErrorInfo error = event.getError();
    if (error != null) {
      event.setError(new ErrorInfo(text(error.getType(), scan), text(error.getMessage(), scan),
          text(error.getStack(), scan)));
    }
    Actor actor = event.getActor();
    event.setActor(new Actor(field(actor.getUser(), settings.user(), "user", scan),
        text(actor.getProcess(), scan), text(actor.getService(), scan)));
    Source source = event.getSource();
    event.setSource(new Source(text(source.getHost(), scan),
        address(source.getAddress(), settings.sourceAddress(), scan), source.getPort()));
    Target target = event.getTarget();
    if (target != null) {
      event.setTarget(new Target(text(target.getKind(), scan), text(target.getName(), scan)));
    }
    // The producer's level word and action are free text too (a mutated record can put anything there).
    event.setSeverityText(text(event.getSeverityText(), scan));
    event.setAction(text(event.getAction(), scan));
    event.setTraceId(text(event.getTraceId(), scan));
    event.setSpanId(text(event.getSpanId(), scan));
    String id = event.getEventId();
    if (!text(id, scan).equals(id)) {
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
    String result = text(text, new Scan(counts, RawSecrets.NONE));
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

  private String text(String value, Scan scan) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    // Secrets first, so that a token holding an '@' or digits is removed whole, not pseudonymized in part.
    return personal.redact(secretsOf(value, scan), scan.counts());
  }

  /**
   * The message, read as the value of a secret when the record's header names one: a syslog tag or
   * RFC 5424 APP-NAME, PROCID or MSGID that says secret ({@code api_key}, {@code password}), or an
   * RFC 5424 structured-data element whose SD-ID says secret or whose name-like parameter names a
   * secret ({@code [cred name="db_password"]}). The message is then scanned as if it followed
   * {@code secret=}, so that its value goes as a secret-named key's would.
   */
  private String message(LogEvent event, Scan scan) {
    String message = event.getMessage();
    if (message == null || message.isEmpty() || !headerNamesSecret(event)) {
      return text(message, scan);
    }
    String scanned = secrets.redact(HEADER_CONTEXT + message, scan.counts());
    String value = scanned.startsWith(HEADER_CONTEXT) ? scanned.substring(HEADER_CONTEXT.length()) : scanned;
    return personal.redact(scan.raw().replaceIn(value, scan.counts()), scan.counts());
  }

  /** A secret-named key the message is read under when its header names a secret. */
  private static final String HEADER_CONTEXT = "secret=";

  private static boolean headerNamesSecret(LogEvent event) {
    Actor actor = event.getActor();
    if (actor != null && SecretScanner.isSecretKey(actor.getProcess())) {
      return true;
    }
    Map<String, String> attributes = event.getAttributes();
    if (SecretScanner.isSecretKey(attributes.get(EventAttributes.PROCESS_PID))
        || SecretScanner.isSecretKey(attributes.get(EventAttributes.SYSLOG_MSGID))) {
      return true;
    }
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(STRUCTURED_DATA)) {
        int idEnd = key.indexOf('.', STRUCTURED_DATA.length());
        if (idEnd > 0 && (SecretScanner.isSecretKey(key.substring(STRUCTURED_DATA.length(), idEnd))
            || (isNameMember(key, idEnd + 1) && SecretScanner.isSecretKey(entry.getValue())))) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String STRUCTURED_DATA = EventAttributes.STRUCTURED_DATA_PREFIX;

  /** Members that name the pair's subject: {@code {"name": "x-api-key", "value": "..."}}. */
  private static final String[] NAME_MEMBERS = {"name", "key", "header", "field", "param"};
  /** Members that hold the pair's value. */
  private static final String[] VALUE_MEMBERS = {"value", "val"};

  private static boolean isNameMember(String key, int from) {
    for (String member : NAME_MEMBERS) {
      if (key.length() - from == member.length() && key.regionMatches(true, from, member, 0, member.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The prefixes ({@code headers.0.}, or {@code ""} at the top) of name/value pairs split across
   * attributes whose name member names a secret: {@code {"name": "x-api-key", "value": "..."}},
   * logfmt's {@code key=api_key value=...}. Null when there are none, the common case.
   */
  private static Set<String> secretPairPrefixes(Map<String, String> attributes) {
    Set<String> prefixes = null;
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      String key = entry.getKey();
      int member = key.lastIndexOf('.') + 1;
      if (isNameMember(key, member) && SecretScanner.isSecretKey(entry.getValue())) {
        if (prefixes == null) {
          prefixes = new HashSet<>();
        }
        prefixes.add(key.substring(0, member));
      }
    }
    return prefixes;
  }

  /** Whether {@code key} is the value member of a pair ({@code P.value}, {@code P.value.stringValue}) under a prefix in {@code prefixes}. */
  private static boolean isSecretPairValue(String key, Set<String> prefixes) {
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        for (String member : VALUE_MEMBERS) {
          int end = prefix.length() + member.length();
          if (key.regionMatches(true, prefix.length(), member, 0, member.length())
              && (key.length() == end || key.charAt(end) == '.')) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private Map<String, String> attributes(Map<String, String> attributes, Scan scan) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Set<String> secretPairs = secretPairPrefixes(attributes);
    Map<String, String> result = new LinkedHashMap<>(attributes.size() * 2);
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      String redacted;
      if (key.equals(EventAttributes.CLASSIFIED_BY)) {
        // Only the normalizer's classifiedBy writes this key (a record's own field of the name is moved to
        // input.classification.entry): an entry id, a generic rule or a built-in parser, nothing of the record.
        result.put(key, value);
        continue;
      }
      if (SecretScanner.isSecretKey(key) || (secretPairs != null && isSecretPairValue(key, secretPairs))) {
        redacted = secrets.redactValueOfSecretKey(value, scan.counts());
      } else {
        FieldTreatment treatment = settings.attributes().get(key);
        redacted = treatment == null ? text(value, scan)
            : treatment == FieldTreatment.TRUNCATE ? address(value, treatment, scan)
            : field(value, treatment, "identifier", scan);
      }
      result.put(text(key, scan), redacted);
    }
    return result;
  }

  private String field(String value, FieldTreatment treatment, String rule, Scan scan) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (treatment) {
      case PSEUDONYMIZE -> personal.pseudonymizeField(secretsOf(value, scan), scan.counts(), rule);
      case TRUNCATE -> personal.addressField(secretsOf(value, scan), true, scan.counts());
      case KEEP -> secretsOf(value, scan);
    };
  }

  private String address(String value, FieldTreatment treatment, Scan scan) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (treatment) {
      case PSEUDONYMIZE -> personal.addressField(secretsOf(value, scan), false, scan.counts());
      case TRUNCATE -> personal.addressField(secretsOf(value, scan), true, scan.counts());
      case KEEP -> secretsOf(value, scan);
    };
  }

  /** One event's redaction: its counts, and the secrets of its record's raw text. */
  private record Scan(RedactionCounts counts, RawSecrets raw) {}

  /**
   * The value with the raw text's secrets and its own replaced. The raw text's go first: what they
   * cover then costs the field's own scan nothing (a provider token's prefix is also a rule keyword,
   * whose expression would run again), and the field's scan still reads all that is left around them.
   */
  private String secretsOf(String value, Scan scan) {
    RawSecrets raw = scan.raw();
    String known = raw.replaceIn(value, scan.counts());
    if (known != value || !raw.vouchesFor(value)) {
      return secrets.redact(known, scan.counts());
    }
    return raw.rulesMayFind() ? secrets.redactByRules(value, scan.counts()) : value;
  }

  private Redaction record(RedactionCounts counts) {
    boolean pseudonymized = counts.asMap().keySet().stream().anyMatch(PSEUDONYM_RULES::contains);
    return new Redaction(new HashMap<>(counts.asMap()), pseudonymized ? pseudonymizer.keyId() : null);
  }

  private void count(RedactionCounts counts) {
    // Looked up once per rule, not per record: a registry lookup builds the meter's id each time. The
    // rules are the scanners' kinds and the rule set's ids, a bounded set.
    counts.asMap().forEach((rule, times) -> redactions.computeIfAbsent(rule,
        r -> meters.counter(Metrics.REDACTIONS.name(), "rule", r)).increment(times));
  }
}
