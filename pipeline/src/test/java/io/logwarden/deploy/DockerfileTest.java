package io.logwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code docker/Dockerfile}, checked on its text (no Docker engine here to build it):
 * multi-stage, pinned bases, dependencies before sources, non-root in group 0, exec-form entrypoint.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("..", "docker", "Dockerfile");
  private static List<String> instructions;

  /** The instructions, continuation lines joined, comments dropped. */
  @BeforeAll
  static void read() throws IOException {
    instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      current.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (!trimmed.endsWith("\\")) {
        instructions.add(current.toString().strip());
        current.setLength(0);
      }
    }
  }

  private static List<String> starting(String keyword) {
    return instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
  }

  private static int indexOf(String prefix) {
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no instruction starting " + prefix);
  }

  @Test
  void twoStagesOnPinnedGlibcBases() {
    List<String> from = starting("FROM");
    assertThat(from).hasSize(2);
    assertThat(from).allSatisfy(f -> {
      assertThat(f).doesNotContain(":latest").matches("FROM [\\w./-]+:\\d[\\w.-]*\\d[\\w.-]*( AS \\w+)?");
      assertThat(f).doesNotContainIgnoringCase("alpine");
    });
    assertThat(from.get(0)).endsWith(" AS build");
    assertThat(from.get(1)).contains("jre");
  }

  @Test
  void dependenciesResolveFromThePomsBeforeTheSourcesAreCopied() {
    assertThat(indexOf("RUN mvn -B -q -pl schemas,pipeline -am dependency:go-offline"))
        .isGreaterThan(indexOf("COPY pipeline/pom.xml"))
        .isLessThan(indexOf("COPY pipeline/src"));
    // The image is built from the pipeline module only: the tools module (demo's broker, process's test
    // driver) has its pom copied for the reactor, never its sources (ImageClasspathIT checks the jars).
    assertThat(instructions).noneMatch(i -> i.contains("tools/src") || i.contains("-pl tools"));
    // In the runtime stage, third-party jars are a layer before the application's own.
    assertThat(indexOf("COPY --from=build /out/deps/")).isLessThan(indexOf("COPY --from=build /out/own/"))
        .isLessThan(indexOf("COPY --from=build /out/logwarden.jar"));
  }

  @Test
  void runsAsANumericNonRootUserInGroupZeroWithAWritableStateDirectory() {
    assertThat(starting("USER")).containsExactly("USER 10001:0");
    String user = instructions.stream().filter(i -> i.contains("useradd")).findFirst().orElseThrow();
    assertThat(user).contains("--uid 10001", "--gid 0", "chown -R 10001:0 /var/lib/logwarden", "chmod -R g=u /var/lib/logwarden");
    assertThat(indexOf("USER")).isGreaterThan(indexOf("RUN useradd"));
  }

  @Test
  void execFormEntrypointAndNoBakedInJvmSizing() {
    assertThat(starting("ENTRYPOINT")).containsExactly("ENTRYPOINT [\"java\", \"-jar\", \"/opt/logwarden/logwarden.jar\"]");
    assertThat(instructions).noneMatch(i -> i.contains("JAVA_TOOL_OPTIONS") || i.contains("-Xmx"));
    assertThat(starting("EXPOSE")).containsExactly("EXPOSE 8080");
  }
}
