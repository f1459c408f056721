package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the image runs is this module's jar and its {@code target/lib} (docker/Dockerfile copies both):
 * neither may hold a Kafka broker, Scala or a test driver, which only the tools module's {@code demo} and
 * {@code process} need. Runs after {@code package}, on the folder the Dockerfile copies.
 */
class ImageClasspathIT {

  /** Jar name prefixes that have no place in a deployment. */
  static final List<String> FORBIDDEN = List.of("kafka_2.13", "kafka-server", "kafka-metadata", "kafka-raft",
      "kafka-storage", "scala-", "kafka-streams-test-utils", "kafka-test-common", "junit", "assertj");

  private static final Path TARGET = Path.of("target");

  @Test
  void theImagesLibraryFolderHoldsNoBrokerScalaOrTestJar() throws IOException {
    List<String> jars = jarNames(TARGET.resolve("lib"));
    assertThat(jars).as("target/lib").isNotEmpty().contains("kafka-streams-4.3.1.jar", "kafka-clients-4.3.1.jar");
    assertThat(jars).as("target/lib").noneMatch(ImageClasspathIT::forbidden);
  }

  @Test
  void theJarsManifestClassPathNamesNoneEither() throws IOException {
    try (JarFile jar = new JarFile(TARGET.resolve("logwarden.jar").toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(classPath).isNotBlank();
      for (String entry : classPath.split(" ")) {
        assertThat(forbidden(entry.substring(entry.lastIndexOf('/') + 1))).as(entry).isFalse();
      }
    }
  }

  @Test
  void theCheckRefusesABrokerJar() {
    assertThat(forbidden("kafka_2.13-4.3.1.jar")).isTrue();
    assertThat(forbidden("scala-library-2.13.18.jar")).isTrue();
    assertThat(forbidden("kafka-streams-test-utils-4.3.1.jar")).isTrue();
    assertThat(forbidden("kafka-streams-4.3.1.jar")).isFalse();
  }

  static boolean forbidden(String jar) {
    return FORBIDDEN.stream().anyMatch(jar::startsWith);
  }

  private static List<String> jarNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
    }
  }
}
