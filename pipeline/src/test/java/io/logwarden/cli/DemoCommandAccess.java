package io.logwarden.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** Lets tests outside the package capture a {@code demo --follow}'s output and stop it as Ctrl-C would. */
public final class DemoCommandAccess {

  private DemoCommandAccess() {}

  public static void output(CommandLine cli, PrintStream out) {
    DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
    demo.out = out;
  }

  public static void stop(CommandLine cli) {
    DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
    demo.stop.countDown();
  }
}
