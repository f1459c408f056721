package io.logwarden.tools;

import io.logwarden.cli.LogwardenCommand;
import picocli.CommandLine;

/**
 * The {@code ./logwarden} launcher's command line: every deployed command, plus {@code demo} (an
 * embedded broker) and {@code process} (Kafka Streams' test driver), which need jars no deployment
 * should carry.
 */
public final class LogwardenTools {

  private LogwardenTools() {}

  public static void main(String[] args) {
    System.exit(LogwardenCommand.execute(commandLine(), args));
  }

  /** The deployed command line with the developer's commands added. */
  public static CommandLine commandLine() {
    return LogwardenCommand.commandLine(new DemoCommand(), new ProcessCommand());
  }
}
