package io.logwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evidence} refuses bad options before it connects to anything, as a usage error. */
class EvidenceCommandTest {

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    CommandLine cli = LogwardenCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  void aPeriodOutsideThePolicysSyntaxIsAUsageError(@TempDir Path dir) {
    // Nothing listens on port 1: the command must fail on the option, before any connection.
    Run run = run("evidence", "--bootstrap-server", "127.0.0.1:1", "--out", dir.resolve("out").toString(),
        "--period", "P30D");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--period: 'P30D' is not a duration");
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void anAsOfThatIsNeitherADateNorAnInstantIsAUsageError(@TempDir Path dir) {
    Run run = run("evidence", "--bootstrap-server", "127.0.0.1:1", "--out", dir.toString(), "--as-of", "yesterday");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--as-of: 'yesterday' is neither a date (2026-11-28");
  }

  @Test
  void theOutputDirectoryIsRequired() {
    Run run = run("evidence", "--bootstrap-server", "127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--out=DIR'");
  }
}
