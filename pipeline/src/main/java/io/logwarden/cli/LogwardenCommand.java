package io.logwarden.cli;

import io.logwarden.cluster.ProvisioningException;
import io.logwarden.config.ConfigException;
import io.logwarden.policy.PolicyException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code logwarden} command line: one subcommand per verb, added in {@link #commandLine(Object...)}. */
@Command(
    name = "logwarden",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns a Logging and Monitoring Policy into a running Kafka Streams pipeline: raw logs from logs.raw.* are normalized into one Avro event, routed to per-store topics whose retention comes from the policy, and security events are correlated into alerts.",
    footer = {"", "Examples:", "  ./logwarden sources check --input auth.log --source auth",
        "  ./logwarden run --config logwarden.yaml --topology normalize", "  ./logwarden topics plan --config logwarden.yaml"})
public final class LogwardenCommand implements Runnable {

  /** Exit code for a refused configuration or policy. */
  public static final int CONFIG_ERROR = 3;
  /** Largest string or bytes value an Avro record may declare: Kafka's default maximum message size. */
  static final int MAX_AVRO_VALUE_BYTES = 1024 * 1024 + 64 * 1024;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }

  /** Runs {@code cli} on {@code args} with the JVM-wide limits every command needs; the exit code. */
  public static int execute(CommandLine cli, String[] args) {
    // Bound what a corrupt length field in Avro data can make the decoder allocate.
    System.setProperty("org.apache.avro.limits.string.maxLength", Integer.toString(MAX_AVRO_VALUE_BYTES));
    System.setProperty("org.apache.avro.limits.bytes.maxLength", Integer.toString(MAX_AVRO_VALUE_BYTES));
    return cli.execute(args);
  }

  /** The configured command line of the deployed commands. */
  public static CommandLine commandLine() {
    return commandLine(new Object[0]);
  }

  /**
   * The configured command line: {@code first} (the tools module's {@code demo} and {@code process},
   * listed first in the help), then the deployed commands.
   */
  public static CommandLine commandLine(Object... first) {
    CommandLine cli = new CommandLine(new LogwardenCommand());
    for (Object command : first) {
      cli.addSubcommand(command);
    }
    for (Object command : new Object[] {new RunCommand(), new TopicsCommand(), new AclsCommand(), new EvidenceCommand(),
        new DlqCommand(), new AlertsCommand(), new TailCommand(), new NotifyCommand(), new SourcesCommand(), new DocsCommand(),
        new CommandLine.HelpCommand()}) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
      if (error instanceof ConfigException || error instanceof PolicyException || error instanceof ProvisioningException) {
        commandLine.getErr().println("logwarden: " + error.getMessage());
        return CONFIG_ERROR;
      }
      throw error;
    });
    return cli;
  }
}
