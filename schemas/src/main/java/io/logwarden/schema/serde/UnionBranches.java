package io.logwarden.schema.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/** Finds the branch of a union schema that a Java value belongs to. */
final class UnionBranches {

  private UnionBranches() {}

  /**
   * Returns the branch of {@code union} that describes the non-null {@code value}.
   *
   * <p>Avro's own resolution ({@code GenericData.resolveUnion}) only knows the conversions of the
   * model it is called on, so it rejects an {@link Instant} of a generated class when called on
   * the generic model; matching on the value's Java type works for specific and generic records.
   */
  static Schema branchFor(Schema union, Object value) {
    for (Schema branch : union.getTypes()) {
      if (matches(branch, value)) {
        return branch;
      }
    }
    // No branch expects the value's Java type, so it is most likely a conversion's result (a
    // LocalDate, a BigDecimal): prefer a branch with a logical type, else any non-null one.
    List<Schema> branches = union.getTypes();
    return branches.stream().filter(b -> b.getLogicalType() != null).findFirst()
        .or(() -> branches.stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst())
        .orElse(branches.get(0));
  }

  private static boolean matches(Schema branch, Object value) {
    switch (branch.getType()) {
      case STRING:
        return value instanceof CharSequence;
      case BYTES:
        return value instanceof ByteBuffer || value instanceof byte[];
      case INT:
        return value instanceof Integer;
      case LONG:
        return value instanceof Long || value instanceof Instant && isTimestamp(branch);
      case FLOAT:
        return value instanceof Float;
      case DOUBLE:
        return value instanceof Double;
      case BOOLEAN:
        return value instanceof Boolean;
      case ARRAY:
        return value instanceof Collection;
      case MAP:
        return value instanceof Map;
      case RECORD:
        return value instanceof IndexedRecord
            && ((IndexedRecord) value).getSchema().getFullName().equals(branch.getFullName());
      case FIXED:
        return value instanceof GenericFixed
            && ((GenericFixed) value).getSchema().getFullName().equals(branch.getFullName());
      case ENUM:
        return value instanceof GenericEnumSymbol
            ? ((GenericEnumSymbol<?>) value).getSchema().getFullName().equals(branch.getFullName())
            : value instanceof Enum && branch.hasEnumSymbol(((Enum<?>) value).name());
      case NULL:
      default:
        return false;
    }
  }

  private static boolean isTimestamp(Schema schema) {
    return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
        || schema.getLogicalType() instanceof LogicalTypes.TimestampMicros
        || schema.getLogicalType() instanceof LogicalTypes.TimestampNanos;
  }
}
