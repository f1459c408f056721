package io.logwarden.cli;

import picocli.CommandLine;

/** Lets tests outside the package stop a running {@code run} command as SIGTERM would. */
public final class RunCommandAccess {

  private RunCommandAccess() {}

  public static void stop(CommandLine cli) {
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    run.stop.countDown();
  }
}
