package io.logwarden.it;

import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.it.ReliabilityWorkload.Attack;
import io.logwarden.it.ReliabilityWorkload.ExpectedAlert;
import io.logwarden.it.ReliabilityWorkload.Raw;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The soak run behind {@code scripts/soak} (not a test: run by hand). Starts the demo's embedded
 * broker and {@code logwarden run} in a child JVM, produces the reliability workload at a steady
 * rate for the given duration, kills the child with SIGKILL every so often and starts a new one on
 * the same state directory, then waits until everything is processed and prints the accounting:
 * produced ids against the ids in the stores (missing, duplicated, misplaced), dead letters, and the
 * alerts against the ones the attacks must raise. Exit status 0 when the outputs are exact, 1 when
 * not, 2 when the pipeline did not catch up in time.
 */
public final class Soak {

  private static final String APP = "lw-soak";
  private static final String RUN = "soak";

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Duration duration = duration(options.getOrDefault("duration", "10m"));
    Duration killEvery = duration(options.getOrDefault("kill-every", "45s"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
    int chunk = Integer.parseInt(options.getOrDefault("chunk", "20000"));
    int attacksPerChunk = Integer.parseInt(options.getOrDefault("attacks", "20"));
    Duration drainTimeout = duration(options.getOrDefault("drain-timeout", "10m"));
    Path out = Path.of(options.getOrDefault("out", "target/soak-" + Instant.now().getEpochSecond()));
    Files.createDirectories(out);
    System.out.printf("soak: %s at %d records/s, SIGKILL of the pipeline every %s; logs in %s%n",
        duration, rate, killEvery, out.toAbsolutePath());

    String keyHex = "6b".repeat(32);
    Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.fromFile(Files.writeString(out.resolve("key"), keyHex)));
    Map<String, Set<String>> destinations = Collections.synchronizedMap(new HashMap<>());
    List<ExpectedAlert> alerts = Collections.synchronizedList(new ArrayList<>());
    AtomicLong sent = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    int kills = 0;
    int status;
    Instant start = Instant.now();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
      ReliabilityHarness.createRawTopics(client, 4);
      Path config = ReliabilityHarness.writeConfig(out, "logwarden.yaml", broker.bootstrapServers(), APP,
          out.resolve("state"), keyHex);
      ChildPipeline child = ChildPipeline.start(config, out.resolve("run-1.log"));
      Instant deadline = start.plus(duration);
      CompletableFuture<Void> load;
      try (KafkaProducer<byte[], byte[]> producer = ReliabilityHarness.producer(client);
          Admin admin = Admin.create(client)) {
        load = CompletableFuture.runAsync(() -> {
          try {
            // Whole chunks, so that every attack produced is complete; the last may end after the deadline.
            for (int k = 0; Instant.now().isBefore(deadline); k++) {
              List<Raw> records = ReliabilityWorkload.round(RUN, (long) k * chunk, chunk - attacksPerChunk * Attack.LINES,
                  k * attacksPerChunk, attacksPerChunk, 0, Attack.LINES);
              destinations.putAll(ReliabilityWorkload.destinations(records));
              alerts.addAll(ReliabilityWorkload.alertsAfter(RUN, k * attacksPerChunk, attacksPerChunk, pseudonyms,
                  Attack.LINES));
              ReliabilityHarness.produce(producer, records, rate, sent);
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          } finally {
            producing.set(false);
          }
        });
        Instant nextKill = Instant.now().plus(killEvery);
        while (producing.get()) {
          if (Instant.now().isAfter(nextKill)) {
            child.kill();
            kills++;
            System.out.printf("soak: %4d s: killed the pipeline (pid %d) after %d records were acknowledged%n",
                Duration.between(start, Instant.now()).toSeconds(), child.pid(), sent.get());
            child = ChildPipeline.start(config, out.resolve("run-" + (kills + 1) + ".log"));
            nextKill = Instant.now().plus(killEvery);
          }
          Thread.sleep(200);
        }
        load.get();
        Instant produced = Instant.now();
        System.out.printf("soak: %4d s: load done, %d records; waiting for the pipeline to catch up%n",
            Duration.between(start, produced).toSeconds(), sent.get());
        Instant drainDeadline = produced.plus(drainTimeout);
        boolean drained = false;
        while (!drained && Instant.now().isBefore(drainDeadline)) {
          drained = GroupLag.of(admin, List.of(APP + "-normalize", APP + "-detect")) == 0
              && OutputAudit.read(client, destinations, alerts, Duration.ofMinutes(2)).complete();
          if (!drained) {
            Thread.sleep(2_000);
          }
        }
        OutputAudit audit = OutputAudit.read(client, destinations, alerts, Duration.ofMinutes(2));
        System.out.printf("soak: %4d s: %s in %d s after the load ended%n", Duration.between(start, Instant.now()).toSeconds(),
            drained ? "caught up" : "did NOT catch up", Duration.between(produced, Instant.now()).toSeconds());
        System.out.println("soak: produced " + sent.get() + " records (" + destinations.size() + " ids, "
            + alerts.size() + " expected alerts), " + kills + " SIGKILLs of the pipeline, "
            + (kills + 1) + " pipeline starts");
        System.out.print(audit.summary());
        System.out.println("soak: " + (audit.exact() ? "EXACT: nothing lost, nothing duplicated, every alert OPEN once,"
            + " its updates once and in order, CLOSED at most once at the final count" : "NOT EXACT: see above"));
        int stopped = child.stop(Duration.ofSeconds(45));
        System.out.println("soak: last pipeline stopped with SIGTERM, exit status " + stopped);
        status = !drained ? 2 : audit.exact() ? 0 : 1;
      } finally {
        child.close();
      }
    }
    System.exit(status);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --name value ...; got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  // 90s, 10m, 1h
  private static Duration duration(String text) {
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("a duration is a number and s, m or h: " + text);
    };
  }
}
