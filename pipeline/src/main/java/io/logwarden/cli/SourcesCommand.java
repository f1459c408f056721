package io.logwarden.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code logwarden sources list|check}: the source catalogue, and what it makes of a sample of logs. */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    header = "Shows the source catalogue and checks what it understands in a sample of logs.",
    description = "The source catalogue recognises sign-ins, lockouts, administrative actions, refusals and"
        + " configuration changes per source (docs/catalogue.md). 'list' prints the catalogue the policy runs with;"
        + " 'check' reads a file as the pipeline would and reports what it was understood as, for onboarding a new"
        + " source.",
    footer = {"", "Examples:", "  ./logwarden sources list",
        "  ./logwarden sources check --input auth.log --source auth"},
    subcommands = {SourcesListCommand.class, SourcesCheckCommand.class})
final class SourcesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
