package io.logwarden.cli;

import io.logwarden.topics.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that print a topic share ({@code alerts}, {@code tail}): the cluster, policy and
 * registry options, {@code --since} and {@code --follow}, and the read itself, without a consumer
 * group. An interrupted {@code --follow} ends the command normally.
 */
final class TopicReading {

  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  @Mixin
  ClusterOptions cluster;

  @Mixin
  PolicyOption policyOption;

  @Mixin
  RegistryOption registryOption;

  @Option(names = "--follow", description = "After the records there are, go on printing new ones as they come, until interrupted.")
  boolean follow;

  @Option(names = "--since", paramLabel = "TIME", converter = TimeOption.class,
      description = "Start at the first record written at or after this time: an ISO-8601 instant or a duration back "
          + "from now (15m, 2h, 7d). Default: the beginning.")
  Instant since;

  /** Set to stop a --follow from another thread (an embedding program); interrupting it works too. */
  final AtomicBoolean stop = new AtomicBoolean();

  /**
   * Reads {@code topics} from {@code --since}, tells {@code caughtUp} at their end, then follows if
   * asked, until {@code done} or {@link #stop} says so.
   */
  void read(List<String> topics, BooleanSupplier done, Consumer<ConsumerRecord<byte[], byte[]>> visitor, Runnable caughtUp) {
    try (TopicReader reader = new TopicReader(cluster.connectedClientProperties())) {
      reader.read(topics, since, follow, () -> stop.get() || done.getAsBoolean(), CATCH_UP, visitor, caughtUp);
    } catch (InterruptException interrupted) {
      Thread.interrupted();
    }
  }
}
