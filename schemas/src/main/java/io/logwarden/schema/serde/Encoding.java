package io.logwarden.schema.serde;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a topic's record values are written. Keys are UTF-8 strings in every encoding.
 *
 * <ul>
 *   <li>{@link #JSON}: one plain JSON object per record, as {@link AvroJson} renders it (no schema
 *       envelope, unions not wrapped, timestamps as ISO-8601 UTC strings);
 *   <li>{@link #AVRO}: Avro's single-object encoding ({@code C3 01}, the writer schema's 8-byte
 *       fingerprint, the binary body), read against the released schemas;
 *   <li>{@link #AVRO_REGISTRY}: the Confluent wire format (byte 0, the schema id as 4 bytes
 *       big-endian, the binary body), the schema registered under {@code <topic>-value} in a
 *       Confluent-compatible schema registry.
 * </ul>
 */
public enum Encoding {
  JSON("json"),
  AVRO("avro"),
  AVRO_REGISTRY("avro-registry");

  private final String id;

  Encoding(String id) {
    this.id = id;
  }

  /** The encoding's name in the policy, e.g. {@code avro-registry}. */
  public String id() {
    return id;
  }

  /** The encoding named {@code id} ({@code json}, {@code avro} or {@code avro-registry}). */
  public static Optional<Encoding> fromId(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(e -> e.id.equals(wanted)).findFirst();
  }

  /**
   * The encoding a record's bytes are in, told by their first bytes: {@code C3} (Avro's single-object
   * marker) is {@link #AVRO}, {@code 00} (the wire format's magic byte) {@link #AVRO_REGISTRY},
   * anything else {@link #JSON} (whose reader says when it is not JSON either). Empty data counts as
   * {@link #AVRO}, whose reader names the problem.
   */
  public static Encoding of(byte[] data) {
    if (data.length == 0 || data[0] == (byte) 0xC3) {
      return AVRO;
    }
    return data[0] == 0 ? AVRO_REGISTRY : JSON;
  }

  /** The names, for messages: {@code json, avro or avro-registry}. */
  public static String names() {
    String all = Arrays.stream(values()).map(Encoding::id).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }

  @Override
  public String toString() {
    return id;
  }
}
