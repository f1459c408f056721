package io.logwarden.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** Lets tests outside the package capture what {@code evidence} prints. */
public final class EvidenceCommandAccess {

  private EvidenceCommandAccess() {}

  public static void redirect(CommandLine cli, PrintStream out) {
    EvidenceCommand evidence = cli.getSubcommands().get("evidence").getCommand();
    evidence.out = out;
  }
}
