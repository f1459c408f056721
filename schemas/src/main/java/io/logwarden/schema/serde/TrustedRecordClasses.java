package io.logwarden.schema.serde;

import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Adds the generated classes of logwarden's schemas to Avro's class security check, which refuses
 * to load any class it was not told to trust (in Avro 1.12.2 generated classes included).
 *
 * <p>Without this, Avro cannot decode a {@code LogEvent} into its generated class, and even
 * {@code LogEvent.newBuilder().build()} fails when it fills in the default of the {@code outcome}
 * enum. The serdes call it themselves; code that builds records before creating a serde (tests,
 * a pipeline's startup) calls {@link #trustLogwardenRecords()} first. Only the exact classes of
 * the named types (records, enums, fixed) in the given schemas are trusted, never a whole
 * package, and the trust is added to whatever check is installed rather than replacing it.
 */
public final class TrustedRecordClasses {

  private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
  private static final ClassSecurityPredicate OURS = c -> TRUSTED.contains(c.getName());

  /** The global check this class installed last; guarded by the class lock. */
  private static ClassSecurityPredicate installed;

  private TrustedRecordClasses() {}

  /** Trusts the generated classes of LogEvent, Alert, DeadLetter, the detect topology's internal records, and of the types they use. */
  public static void trustLogwardenRecords() {
    trust(LogEvent.getClassSchema());
    trust(Alert.getClassSchema());
    trust(DeadLetter.getClassSchema());
    trust(DetectionSignal.getClassSchema());
    trust(RuleKeyState.getClassSchema());
  }

  /** Trusts the generated classes of the named types in {@code schema}; idempotent. */
  public static synchronized void trust(Schema schema) {
    collectClassNames(schema, new HashSet<>());
    ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    // Re-install if someone replaced the global check since, keeping their check as well.
    if (current != installed) {
      installed = ClassSecurityValidator.composite(current, OURS);
      ClassSecurityValidator.setGlobal(installed);
    }
  }

  private static void collectClassNames(Schema schema, Set<String> visited) {
    switch (schema.getType()) {
      case RECORD:
        if (visited.add(schema.getFullName())) {
          TRUSTED.add(SpecificData.getClassName(schema));
          schema.getFields().forEach(f -> collectClassNames(f.schema(), visited));
        }
        break;
      case ENUM:
      case FIXED:
        TRUSTED.add(SpecificData.getClassName(schema));
        break;
      case UNION:
        schema.getTypes().forEach(t -> collectClassNames(t, visited));
        break;
      case ARRAY:
        collectClassNames(schema.getElementType(), visited);
        break;
      case MAP:
        collectClassNames(schema.getValueType(), visited);
        break;
      default:
        break;
    }
  }
}
