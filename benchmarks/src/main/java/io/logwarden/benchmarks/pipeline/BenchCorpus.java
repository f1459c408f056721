package io.logwarden.benchmarks.pipeline;

import io.logwarden.benchmarks.MixedCorpus;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The realistic mixed corpus of the pipeline benchmark: every input format (the lines of
 * {@code /corpus/mixed.txt}, round robin), with 5% of the records carrying a (generated, fake)
 * secret and 10% being sign-in or configuration-change events. Deterministic for a seed.
 */
public final class BenchCorpus implements RawCorpus {

  private final List<String> mixed;
  private final SplittableRandom random;

  public BenchCorpus(long seed) {
    this.random = new SplittableRandom(seed);
    this.mixed = MixedCorpus.lines();
  }

  /** Record {@code index} of the corpus. */
  @Override
  public String record(long index) {
    int slot = (int) (index % 20);
    if (slot == 0) {
      return "{\"@timestamp\":\"2026-11-27T08:15:00Z\",\"level\":\"INFO\",\"message\":\"deploy with token ghp_"
          + alnum(36) + "\",\"service\":\"ci\",\"host\":\"build-" + (index % 7) + "\"}";
    }
    if (slot == 1 || slot == 11) {
      long user = random.nextLong(5_000);
      String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
      if (slot == 11 && index % 40 == 11) {
        return "{\"@timestamp\":\"2026-11-27T08:15:00Z\",\"level\":\"INFO\",\"message\":\"firewall rule changed\","
            + "\"event\":{\"action\":\"config_change\",\"outcome\":\"success\"},\"user\":{\"name\":\"ops" + user
            + "\"},\"source\":{\"ip\":\"" + address + "\"}}";
      }
      return "{\"@timestamp\":\"2026-11-27T08:14:0" + (index % 10) + "Z\",\"level\":\"WARN\",\"message\":\"Sign-in failed\","
          + "\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},\"user\":{\"name\":\"user" + user
          + "\"},\"source\":{\"ip\":\"" + address + "\"}}";
    }
    return mixed.get((int) (index % mixed.size()));
  }

  private String alnum(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
