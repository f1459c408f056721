package io.logwarden.it;

import io.logwarden.redact.FakeSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Hostile raw records, generated deterministically from a seed: random bytes and text, mutations of
 * the sample inputs (bit flips, truncation, splicing, duplicated and deleted spans), control
 * characters, invalid UTF-8, NUL bytes, JSON nested thousands of levels deep, huge records, abusive
 * headers, null and empty values and keys; some carry a planted fake secret in the value, the key or
 * a header. The same seed and count give the same records.
 */
final class HostileRecords {

  /** One record to produce, with what it is (for the report) and the secrets planted in it. */
  record Hostile(String kind, byte[] key, byte[] value, List<Header> headers, List<String> planted) {}

  private static final List<String> SAMPLES = List.of(
      "/samples/java_logback_json.jsonl", "/samples/fluentbit_kafka_json.jsonl", "/samples/vector_kafka_json.jsonl",
      "/samples/syslog_rfc3164.log", "/samples/syslog_rfc5424.log", "/samples/logfmt.log",
      "/samples/other_text_formats.log", "/samples/bad_inputs.txt", "/demo/auth.jsonl", "/demo/app.jsonl",
      "/demo/k8s.jsonl", "/demo/edge.log", "/demo/syslog.log", "/demo/product.jsonl", "/demo/ai.jsonl",
      "/demo/cloudtrail.jsonl", "/demo/sentry.jsonl", "/demo/otel.jsonl");
  private static final List<String> WHOLE_SAMPLES = List.of(
      "/samples/filebeat_ecs_kafka.json", "/samples/logstash_kafka_json.json", "/samples/otel_kafka_otlp_json.json",
      "/samples/cloudtrail_records.json", "/samples/sentry_event.json", "/samples/posthog_capture.json",
      "/samples/posthog_batch.json", "/samples/langfuse_ingestion_batch.json");
  private static final List<String> CONTENT_TYPES = List.of(
      "application/json", "text/plain", "cef", "logfmt", "syslog-rfc5424", "otlp-json-logs", "cloudtrail",
      "application/json; charset=ebcdic", "application/x-unknown", "", " ", "json;;;;", "\u0000\u0001",
      "text/plain".repeat(500), "APPLICATION/JSON", "multipart/form-data; boundary=x", "\u202eevil/type");

  /** The largest record produced; the raw topic and the producer must accept it. */
  static final int MAX_RECORD_BYTES = 5 * 1024 * 1024 + 4096;

  private final Random random;
  private final List<byte[]> bases = new ArrayList<>();
  private final List<FakeSecrets.Variant> variants = new ArrayList<>();

  HostileRecords(long seed) {
    this.random = new Random(seed);
    for (String sample : SAMPLES) {
      bases.addAll(lines(read(sample)));
    }
    for (String sample : WHOLE_SAMPLES) {
      bases.add(read(sample));
    }
    // A slice of a real sshd log: sign-ins, so that the detect topology gets its share.
    List<byte[]> openssh = lines(read("/datasets/loghub-openssh/OpenSSH_2k.log"));
    bases.addAll(openssh.subList(0, 300));
    variants.addAll(FakeSecrets.TOKENS);
    variants.addAll(FakeSecrets.STRUCTURED);
  }

  /** The records: a fixed set of huge ones first, then {@code count} minus those, drawn at random. */
  List<Hostile> generate(int count) {
    List<Hostile> records = new ArrayList<>(count);
    records.addAll(huge());
    while (records.size() < count) {
      records.add(next());
    }
    return records;
  }

  private Hostile next() {
    int dice = random.nextInt(1000);
    Hostile record;
    if (dice < 250) {
      record = plain("mutated-sample", mutate(base()));
    } else if (dice < 400) {
      record = plain("sample", base());
    } else if (dice < 480) {
      record = plain("random-bytes", bytes(random.nextInt(700)));
    } else if (dice < 560) {
      record = plain("random-text", randomText(random.nextInt(500)).getBytes(StandardCharsets.UTF_8));
    } else if (dice < 610) {
      record = plain("control-chars", controlChars(base()));
    } else if (dice < 660) {
      record = plain("invalid-utf8", invalidUtf8(base()));
    } else if (dice < 690) {
      record = plain("nul-bytes", insertAt(base(), new byte[] {0}, random.nextInt(3) + 1));
    } else if (dice < 692) {
      record = plain("deep-nesting", deepNesting());
    } else if (dice < 707) {
      record = plain("near-depth-limit", nearDepthLimit());
    } else if (dice < 717) {
      record = plain("null-value", null);
    } else if (dice < 727) {
      record = plain("empty-value", new byte[0]);
    } else if (dice < 737) {
      record = plain("blank-value", " \t\r\n ".repeat(random.nextInt(5) + 1).getBytes(StandardCharsets.UTF_8));
    } else if (dice < 800) {
      record = abusiveHeaders(random.nextBoolean() ? base() : mutate(base()));
    } else if (dice < 830) {
      record = oddKey(base());
    } else if (dice < 833) {
      record = plain("long-line", longLine());
    } else if (dice < 845) {
      return secretAtCut();
    } else if (dice < 850) {
      return secretInId();
    } else {
      record = plain("sample-or-mutation", random.nextBoolean() ? base() : mutate(base()));
    }
    // About one record in twelve carries a planted secret.
    if (random.nextInt(12) == 0) {
      record = plant(record);
    }
    return record;
  }

  private static Hostile plain(String kind, byte[] value) {
    return new Hostile(kind, null, value, List.of(), List.of());
  }

  private byte[] base() {
    return bases.get(random.nextInt(bases.size()));
  }

  // One to three of: bit flips, truncation, splicing two records, a duplicated span, a deleted span,
  // random bytes inserted, a structural character swapped in.
  byte[] mutate(byte[] original) {
    byte[] value = original;
    int rounds = 1 + random.nextInt(3);
    for (int round = 0; round < rounds && value.length > 0; round++) {
      int at = random.nextInt(value.length);
      switch (random.nextInt(7)) {
        case 0 -> {
          value = value.clone();
          for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            int i = random.nextInt(value.length);
            value[i] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> value = Arrays.copyOf(value, at);
        case 2 -> {
          byte[] other = base();
          int from = other.length == 0 ? 0 : random.nextInt(other.length);
          value = concat(Arrays.copyOf(value, at), Arrays.copyOfRange(other, from, other.length));
        }
        case 3 -> {
          int end = Math.min(value.length, at + 1 + random.nextInt(64));
          byte[] span = Arrays.copyOfRange(value, at, end);
          byte[] twice = concat(span, span);
          value = concat(concat(Arrays.copyOf(value, at), twice), Arrays.copyOfRange(value, end, value.length));
        }
        case 4 -> {
          int end = Math.min(value.length, at + 1 + random.nextInt(64));
          value = concat(Arrays.copyOf(value, at), Arrays.copyOfRange(value, end, value.length));
        }
        case 5 -> value = concat(concat(Arrays.copyOf(value, at), bytes(1 + random.nextInt(16))),
            Arrays.copyOfRange(value, at, value.length));
        default -> {
          value = value.clone();
          String structural = "{}[]\":,\\\n'=<>";
          value[at] = (byte) structural.charAt(random.nextInt(structural.length()));
        }
      }
    }
    return value;
  }

  private byte[] controlChars(byte[] base) {
    String[] controls = {"\u0007", "\u0008", "\u001b[31m", "\u007f", "\u2028", "\u2029", "\uFEFF", "\u202e", "\u0085",
        "\r", "\t", "\u000b", "\u000c", "\u001f"};
    byte[] value = base;
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      value = insertAt(value, controls[random.nextInt(controls.length)].getBytes(StandardCharsets.UTF_8), 1);
    }
    return value;
  }

  private byte[] invalidUtf8(byte[] base) {
    byte[][] sequences = {{(byte) 0xc3, 0x28}, {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0x80}};
    return insertAt(base, sequences[random.nextInt(sequences.length)], 1);
  }

  private byte[] insertAt(byte[] value, byte[] insert, int times) {
    byte[] result = value;
    for (int i = 0; i < times; i++) {
      int at = result.length == 0 ? 0 : random.nextInt(result.length + 1);
      result = concat(concat(Arrays.copyOf(result, at), insert), Arrays.copyOfRange(result, at, result.length));
    }
    return result;
  }

  // 10,000 to 12,000 levels (now and then 100,000) of objects, arrays or both, alone or as a field of
  // a valid log object.
  private byte[] deepNesting() {
    int depth = random.nextInt(50) == 0 ? 100_000 : 10_000 + random.nextInt(2_001);
    StringBuilder json = new StringBuilder(depth * 6 + 100);
    boolean inField = random.nextBoolean();
    if (inField) {
      json.append("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"deep\",\"attrs\":");
    }
    int style = random.nextInt(3);
    for (int i = 0; i < depth; i++) {
      json.append(style == 0 || (style == 2 && i % 2 == 0) ? "{\"a\":" : "[");
    }
    json.append('1');
    for (int i = depth - 1; i >= 0; i--) {
      json.append(style == 0 || (style == 2 && i % 2 == 0) ? '}' : ']');
    }
    if (inField) {
      json.append('}');
    }
    // Now and then cut short, so the parser meets the depth before the syntax error.
    String text = random.nextInt(4) == 0 ? json.substring(0, json.length() / 2) : json.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // Nesting around the parser's limit of 64 levels, in an otherwise valid log object.
  private byte[] nearDepthLimit() {
    int depth = 55 + random.nextInt(20);
    StringBuilder json = new StringBuilder("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"nested\",\"n\":");
    json.append("{\"a\":".repeat(depth)).append("\"x\"").append("}".repeat(depth)).append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  // 10 to 80 KB: one token without a space, a long key=value run, or a long run of one character.
  private byte[] longLine() {
    int length = 10_000 + random.nextInt(70_000);
    return switch (random.nextInt(4)) {
      case 0 -> "A".repeat(length).getBytes(StandardCharsets.UTF_8);
      case 1 -> "k=v ".repeat(length / 4).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("<34>Oct 11 22:14:15 host app: " + "x=\"".repeat(length / 3)).getBytes(StandardCharsets.UTF_8);
      default -> ("{\"message\":\"" + "\\\\".repeat(length / 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    };
  }

  private Hostile abusiveHeaders(byte[] value) {
    List<Header> headers = new ArrayList<>();
    switch (random.nextInt(5)) {
      case 0 -> {
        for (int i = 200 + random.nextInt(800); i > 0; i--) {
          headers.add(new RecordHeader("h" + i, bytes(random.nextInt(20))));
        }
      }
      case 1 -> headers.add(new RecordHeader("x-huge", randomText(2_000 + random.nextInt(8_000))
          .getBytes(StandardCharsets.UTF_8)));
      case 2 -> {
        headers.add(new RecordHeader(randomText(1 + random.nextInt(300)), bytes(random.nextInt(200))));
        headers.add(new RecordHeader("binary", bytes(64)));
        headers.add(new RecordHeader("null-value", null));
      }
      default -> {
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          headers.add(new RecordHeader("content-type", random.nextInt(8) == 0 ? bytes(12)
              : CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())).getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return new Hostile("abusive-headers", null, value, headers, List.of());
  }

  private Hostile oddKey(byte[] value) {
    byte[] key = switch (random.nextInt(3)) {
      case 0 -> bytes(random.nextInt(64));
      case 1 -> new byte[0];
      default -> randomText(1_000 + random.nextInt(4_000)).getBytes(StandardCharsets.UTF_8);
    };
    return new Hostile("odd-key", key, value, List.of(), List.of());
  }

  // A secret across the point where the mapper cuts a message (32 KiB), an attribute value (1 KiB) or
  // a stack trace (16 KiB): the cut must not leave a piece of it that redaction no longer recognises.
  private Hostile secretAtCut() {
    FakeSecrets.Planted planted = FakeSecrets.TOKENS.get(random.nextInt(FakeSecrets.TOKENS.size())).plant(random);
    String[] fields = {"message", "detail", "stack_trace"};
    int[] limits = {32 * 1024, 1024, 16 * 1024};
    int which = random.nextInt(fields.length);
    int before = Math.max(1, limits[which] - 1 - random.nextInt(Math.min(planted.text().length(), 40)));
    String value = "w".repeat(before - 1) + " " + planted.text() + " tail";
    String json = "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"ERROR\","
        + (which == 0 ? "" : "\"message\":\"m\",") + "\"" + fields[which] + "\":\"" + FakeSecrets.escapeJson(value) + "\"}";
    return new Hostile("secret-at-cut-" + fields[which], null, json.getBytes(StandardCharsets.UTF_8), List.of(),
        List.of(planted.secret()));
  }

  // A producer's id fields are copied into the event (the event id is even the store topics' key).
  private Hostile secretInId() {
    FakeSecrets.Planted planted = FakeSecrets.TOKENS.get(random.nextInt(FakeSecrets.TOKENS.size())).plant(random);
    String[] fields = {"event_id", "trace_id", "span_id", "uuid"};
    String field = fields[random.nextInt(fields.length)];
    String json = "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"INFO\",\"message\":\"m\",\"" + field + "\":\""
        + FakeSecrets.escapeJson(planted.text()) + "\"}";
    return new Hostile("secret-in-" + field, null, json.getBytes(StandardCharsets.UTF_8), List.of(),
        List.of(planted.secret()));
  }

  /** The sample records the hostile ones are made from. */
  List<byte[]> bases() {
    return List.copyOf(bases);
  }

  /**
   * Puts a fake secret, set apart by spaces so it stays whole, into the value, the key or a header.
   * Inside an arbitrary record only secrets recognisable by their shape alone are planted: a secret
   * found by its context ({@code Cookie: sid=}, {@code X-API-Key:}, {@code aws secret}) is not
   * recognised once a parser splits the context off into another field (a syslog header's process,
   * a logfmt key), a known limit of redacting after parsing.
   */
  private Hostile plant(Hostile record) {
    FakeSecrets.Planted planted = variants.get(random.nextInt(variants.size())).plant(random);
    String text = " " + planted.text() + " ";
    int where = random.nextInt(10);
    if (where < 6 || record.value() == null) {
      byte[] value;
      boolean wrapped = random.nextBoolean();
      // Shape alone: the text planted is the secret itself, no context words around it.
      while (!wrapped && !planted.text().equals(planted.secret())) {
        planted = FakeSecrets.TOKENS.get(random.nextInt(FakeSecrets.TOKENS.size())).plant(random);
        text = " " + planted.text() + " ";
      }
      if (wrapped) {
        // As a valid JSON log line, so that the secret travels inside an event.
        value = ("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"WARN\",\"message\":\"calling with"
            + FakeSecrets.escapeJson(text) + "done\"}").getBytes(StandardCharsets.UTF_8);
      } else {
        byte[] base = record.value() == null ? base() : record.value();
        value = insertAt(base, text.getBytes(StandardCharsets.UTF_8), 1);
      }
      return new Hostile(record.kind() + "+secret-in-value", record.key(), value, record.headers(),
          List.of(planted.secret()));
    }
    if (where < 8) {
      return new Hostile(record.kind() + "+secret-in-key", text.getBytes(StandardCharsets.UTF_8), record.value(),
          record.headers(), List.of(planted.secret()));
    }
    List<Header> headers = new ArrayList<>(record.headers());
    headers.add(new RecordHeader(random.nextBoolean() ? "authorization" : "x-debug",
        text.getBytes(StandardCharsets.UTF_8)));
    return new Hostile(record.kind() + "+secret-in-header", record.key(), record.value(), headers,
        List.of(planted.secret()));
  }

  // Records at and beyond the pipeline's 1 MiB limit, up to 5 MiB (the raw topic is made to accept them).
  private List<Hostile> huge() {
    List<Hostile> huge = new ArrayList<>();
    FakeSecrets.Planted early = FakeSecrets.TOKENS.get(3).plant(random);
    FakeSecrets.Planted late = FakeSecrets.STRUCTURED.get(6).plant(random);
    String filler = "lorem ipsum dolor sit amet ";
    // Just under the limit: a valid event whose message is cut, with the secret far beyond the cut.
    String underLimit = "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"INFO\",\"message\":\""
        + filler.repeat(30_000) + " " + late.text() + " \"}";
    huge.add(new Hostile("huge-under-limit", null, underLimit.getBytes(StandardCharsets.UTF_8), List.of(),
        List.of(late.secret())));
    // Just over the limit, a secret at the start and one past the 64 KiB the dead letter keeps.
    FakeSecrets.Planted late2 = FakeSecrets.STRUCTURED.get(6).plant(random);
    String overLimit = "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\" " + early.text() + " "
        + filler.repeat(1024 * 1024 / filler.length()) + " " + late2.text() + " \"}";
    huge.add(new Hostile("huge-over-limit", null, overLimit.getBytes(StandardCharsets.UTF_8), List.of(),
        List.of(early.secret(), late2.secret())));
    huge.add(plain("huge-3mb-text", ("<34>Oct 11 22:14:15 host app: " + "A".repeat(3 * 1024 * 1024))
        .getBytes(StandardCharsets.UTF_8)));
    huge.add(plain("huge-5mb-bytes", bytes(5 * 1024 * 1024)));
    huge.add(plain("huge-1mb-braces", "{".repeat(1024 * 1024 - 10).getBytes(StandardCharsets.UTF_8)));
    huge.add(plain("huge-1mb-logfmt", "k=v ".repeat(256 * 1024 - 8).getBytes(StandardCharsets.UTF_8)));
    huge.add(plain("huge-1mb-token", "Z".repeat(1024 * 1024 - 1).getBytes(StandardCharsets.UTF_8)));
    huge.add(new Hostile("huge-header", null, base(),
        List.of(new RecordHeader("x-huge", "h".repeat(900 * 1024).getBytes(StandardCharsets.UTF_8))), List.of()));
    return huge;
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  // Any code points, control characters and surrogate pairs included, as valid UTF-8.
  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      int kind = random.nextInt(10);
      int codePoint = kind < 5 ? 0x20 + random.nextInt(0x5f)
          : kind < 7 ? random.nextInt(0x20)
          : kind < 9 ? 0xa0 + random.nextInt(0xd7ff - 0xa0)
          : 0x10000 + random.nextInt(0x10ffff - 0x10000);
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] read(String resource) {
    try (InputStream in = HostileRecords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Split on line feeds only, keeping each line's bytes as they are; empty lines are skipped.
  private static List<byte[]> lines(byte[] all) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i > start) {
          lines.add(Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** Counts by kind, for the test's report. */
  static Map<String, Integer> kinds(List<Hostile> records) {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    records.forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
    return kinds;
  }
}
