package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./logwarden} runs is this module's jar with the {@code target/lib} its manifest names,
 * not the test class path: a dependency that reaches only the tests (a test-scoped declaration
 * overriding a library's compile-scoped one) breaks the README's demo while every in-JVM test passes.
 * So the jar runs here as the launcher runs it, over the demo's sign-in sample, and must load every
 * class the normalizer, the redactor (with its vendored rule set) and detection need.
 */
class LauncherClasspathIT {

  @Test
  void theLaunchersJarRunsTheWholeOfflinePipelineOnItsOwnClassPath() throws Exception {
    Path jar = Path.of("target", "logwarden-tools.jar");
    assertThat(jar).exists();
    Path input = Path.of("src", "main", "resources", "demo", "auth.jsonl");
    Path out = Files.createTempFile("logwarden-launcher-", ".jsonl");
    Path err = Files.createTempFile("logwarden-launcher-", ".err");
    try {
      Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", jar.toString(), "process", "--source", "auth", "--input", input.toString()))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(read(err)).isZero();
      String output = read(out);
      assertThat(output).contains("\"topic\":\"security.alerts\"", "auth.brute_force.source");
      assertThat(read(err)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
