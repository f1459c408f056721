package io.logwarden.cli;

import picocli.CommandLine;

/** Lets tests outside the package stop a running {@code run} command as SIGTERM would, and find its HTTP port. */
public final class RunCommandAccess {

  private RunCommandAccess() {}

  public static void stop(CommandLine cli) {
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    run.stop.countDown();
  }

  /** The port the running command serves metrics and health on, or -1 before it started serving. */
  public static int httpPort(CommandLine cli) {
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    return run.boundHttpPort;
  }
}
