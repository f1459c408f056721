package io.logwarden.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bundled sample of raw logs: source name to its raw lines, one record per line. */
public final class DemoSample {

  static final List<String> FILES = List.of(
      "app.jsonl", "auth.jsonl", "syslog.log", "edge.log", "k8s.jsonl", "otel.jsonl", "cloudtrail.jsonl",
      "sentry.jsonl", "product.jsonl", "ai.jsonl");

  private DemoSample() {}

  /** Source name (the raw topic's suffix) to the raw records of that source, in file order. */
  public static Map<String, List<String>> load() {
    Map<String, List<String>> bySource = new LinkedHashMap<>();
    for (String file : FILES) {
      String source = file.substring(0, file.indexOf('.'));
      bySource.put(source, lines("/demo/" + file));
    }
    return bySource;
  }

  private static List<String> lines(String resource) {
    InputStream in = DemoSample.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("demo sample " + resource + " is missing from the build");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
