package io.logwarden.schema.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.specific.SpecificRecord;

/** The writer schemas of every released version of a record type, loaded from the classpath. */
public final class ReleasedSchemas {

  /** Classpath folder of the frozen released schemas and their index. */
  public static final String RESOURCE_DIRECTORY = "/io/logwarden/schema/released/";

  private static final String INDEX = RESOURCE_DIRECTORY + "index.txt";

  private ReleasedSchemas() {}

  /**
   * Returns the released schemas of {@code type}, oldest first, in the order the index lists
   * them; an empty list when no version of the type was released.
   *
   * @throws IllegalStateException when the index or a listed schema is missing or unreadable, or
   *     a listed schema is not a schema of {@code type}
   */
  public static List<Schema> of(Class<? extends SpecificRecord> type) {
    Objects.requireNonNull(type, "type");
    String prefix = type.getSimpleName() + "-v";
    List<Schema> schemas = new ArrayList<>();
    for (String file : indexEntries()) {
      if (file.startsWith(prefix)) {
        Schema schema = load(file);
        if (!schema.getFullName().equals(type.getName())) {
          throw new IllegalStateException("Released schema " + RESOURCE_DIRECTORY + file
              + " defines " + schema.getFullName() + ", expected " + type.getName());
        }
        schemas.add(schema);
      }
    }
    return List.copyOf(schemas);
  }

  private static List<String> indexEntries() {
    List<String> entries = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(open(INDEX), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          entries.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read released schema index " + INDEX, e);
    }
    return entries;
  }

  private static Schema load(String file) {
    String resource = RESOURCE_DIRECTORY + file;
    // A parser per file: each released schema is standalone and inlines the same named types.
    try (InputStream in = open(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read released schema " + resource, e);
    } catch (SchemaParseException e) {
      throw new IllegalStateException("Released schema " + resource + " is not a valid Avro schema",
          e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = ReleasedSchemas.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the classpath");
    }
    return in;
  }
}
