package io.logwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file destination's file: one line per append, rotated by size, N rotated files kept. */
class RotatingFileTest {

  @TempDir
  Path dir;

  private static String line(int n) {
    return "{\"n\":" + String.format("%03d", n) + "}"; // 11 bytes, 12 with the newline
  }

  @Test
  void rotatesBeforeALineWouldPassTheLimitAndKeepsNFiles() throws IOException {
    Path path = dir.resolve("logs").resolve("alerts.json");
    try (RotatingFile file = new RotatingFile(path, 36, 2)) {
      for (int n = 1; n <= 10; n++) {
        file.append(line(n));
      }
    }
    // Three lines per file: 1-3, 4-6, 7-9 rotated away, 10 current; only two rotated files kept.
    assertThat(Files.readAllLines(path)).containsExactly(line(10));
    assertThat(Files.readAllLines(dir.resolve("logs/alerts.json.1"))).containsExactly(line(7), line(8), line(9));
    assertThat(Files.readAllLines(dir.resolve("logs/alerts.json.2"))).containsExactly(line(4), line(5), line(6));
    assertThat(dir.resolve("logs/alerts.json.3")).doesNotExist();
    try (var files = Files.list(dir.resolve("logs"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("alerts.json", "alerts.json.1", "alerts.json.2");
    }
  }

  @Test
  void aReopenedFileContinuesWhereItWasAndCountsItsSize() throws IOException {
    Path path = dir.resolve("alerts.json");
    try (RotatingFile file = new RotatingFile(path, 36, 1)) {
      file.append(line(1));
      file.append(line(2));
    }
    try (RotatingFile file = new RotatingFile(path, 36, 1)) {
      file.append(line(3));
      file.append(line(4));
    }
    assertThat(Files.readAllLines(path)).containsExactly(line(4));
    assertThat(Files.readAllLines(dir.resolve("alerts.json.1"))).containsExactly(line(1), line(2), line(3));
  }

  @Test
  void keepZeroDeletesTheFullFileAndALongLineGetsAFileOfItsOwn() throws IOException {
    Path path = dir.resolve("alerts.json");
    String longLine = "x".repeat(100);
    try (RotatingFile file = new RotatingFile(path, 36, 0)) {
      file.append(line(1));
      file.append(longLine);
      file.append(line(2));
    }
    assertThat(Files.readAllLines(path)).containsExactly(line(2));
    assertThat(dir.resolve("alerts.json.1")).doesNotExist();
  }

  @Test
  void everyLineIsWholeAndEndsWithANewline() throws IOException {
    Path path = dir.resolve("alerts.json");
    try (RotatingFile file = new RotatingFile(path, 1024 * 1024, 5)) {
      for (int n = 0; n < 100; n++) {
        file.append(line(n));
      }
    }
    String text = Files.readString(path);
    assertThat(text).endsWith("\n");
    List<String> lines = Files.readAllLines(path);
    assertThat(lines).hasSize(100).allMatch(l -> l.matches("\\{\"n\":\\d{3}}"));
  }
}
