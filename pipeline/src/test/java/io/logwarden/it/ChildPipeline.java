package io.logwarden.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code logwarden run} in a JVM of its own (this JVM's class path), so that a test can kill it as a
 * crash would: {@link #kill()} is SIGKILL, no shutdown hook runs, nothing is closed or flushed.
 */
public final class ChildPipeline implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildPipeline(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code logwarden run --config CONFIG EXTRA...}; its standard output and error go to {@code log}. */
  public static ChildPipeline start(Path config, Path log, String... extra) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.logwarden.cli.LogwardenCommand");
    command.add("run");
    command.add("--config");
    command.add(config.toString());
    command.addAll(List.of(extra));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    return new ChildPipeline(process, log);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** What the process has written so far. */
  public String logText() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM (the shutdown hook closes the topologies), and its exit code, or -1 if it did not exit in time. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
