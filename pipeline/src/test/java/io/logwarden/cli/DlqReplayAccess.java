package io.logwarden.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** Lets tests outside the package capture what {@code dlq replay} prints. */
public final class DlqReplayAccess {

  private DlqReplayAccess() {}

  public static void redirect(CommandLine cli, PrintStream out) {
    DlqCommand.Replay replay = cli.getSubcommands().get("dlq").getSubcommands().get("replay").getCommand();
    replay.out = out;
  }
}
