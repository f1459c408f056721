package io.logwarden.cli;

import io.logwarden.policy.Policy;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden dlq}: work with the dead-letter topic. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    header = "Works with the dead-letter topic.",
    description = "Commands for the records that could not become events.",
    subcommands = {DlqCommand.Replay.class})
final class DlqCommand {

  /** {@code logwarden dlq replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      header = "Re-publishes dead letters to the raw topic they came from.",
      description = "Reads the dead-letter topic and re-publishes each matching record's original key, value "
          + "and headers to its raw topic (with a header naming the dead letter), so that a fixed parser or "
          + "mapping reads it again. Records whose payload was cut at 64 KiB, records from non-raw topics, and "
          + "parked notifications (notification_failed: alerts a destination did not take, see docs/notifications.md) "
          + "are counted and skipped. Says how many it sent. The principal needs READ on the dead-letter topic and "
          + "WRITE on the raw topics, nothing else (it reads without a consumer group and sends with an idempotent, "
          + "non-transactional producer): the policy's replayer role, User:logadmin-replay in the shipped policy.",
      footer = {"", "Examples:", "  ./logwarden dlq replay --bootstrap-server kafka:9092 --reason not_json",
          "  ./logwarden dlq replay --bootstrap-server kafka:9092 --since 2026-11-27T00:00:00Z --dry-run"})
  static final class Replay implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    PolicyOption policyOption;

    @Mixin
    RegistryOption registryOption;

    @Option(names = "--reason", paramLabel = "REASON",
        description = "Only dead letters with this reason (repeatable), e.g. not_json, missing_timestamp.")
    List<String> reasons = List.of();

    @Option(names = "--since", paramLabel = "TIME", description = "Only dead letters that failed at or after this ISO-8601 instant.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only dead letters that failed before this ISO-8601 instant.")
    Instant until;

    @Option(names = "--dry-run", description = "Count what would be sent; send nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // picocli's out (standard output unless the caller set another), so an embedding program can capture it.
      PrintWriter out = spec.commandLine().getOut();
      Policy policy = policyOption.load();
      DeadLetterReplayer replayer = new DeadLetterReplayer(cluster.connectedClientProperties(),
          policy.topics().deadLetter().name(), policy.topics().rawPrefix(),
          registryOption.topics(policy).deadLetter().valueSerde().deserializer());
      DeadLetterReplayer.Report report =
          replayer.replay(new DeadLetterReplayer.Filter(new HashSet<>(reasons), since, until), dryRun);
      out.printf("%s %d of %d dead letters in %s (%d matched the filter; skipped: %d with a cut payload, %d not from a"
              + " raw topic, %d parked notifications)%n",
          dryRun ? "Would send" : "Sent", report.sent(), report.read(), policy.topics().deadLetter().name(),
          report.matched(), report.skippedTruncated(), report.skippedNotRaw(), report.skippedNotifications());
      return 0;
    }
  }
}
