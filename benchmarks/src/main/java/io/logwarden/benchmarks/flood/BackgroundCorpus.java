package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.pipeline.BenchCorpus;
import java.util.function.LongFunction;

/**
 * The raw records of the background traffic that runs under the flood: record {@code n} of a
 * deterministic corpus. Another corpus is one line in {@link #of}.
 */
public interface BackgroundCorpus extends LongFunction<String> {

  /** What the corpus is, for the report. */
  String description();

  /** The background corpus of the benchmark, deterministic for {@code seed}. */
  static BackgroundCorpus of(long seed) {
    return named("the pipeline benchmark's corpus (`BenchCorpus`: every input format of `corpus/mixed.txt`, 5% with a "
        + "fake secret, 10% JSON sign-in failures and configuration changes of users `user<N>`/`ops<N>` from 10.0.0.0/8)",
        new BenchCorpus(seed)::record);
  }

  /** A corpus given by a function of the record number. */
  static BackgroundCorpus named(String description, LongFunction<String> records) {
    return new BackgroundCorpus() {
      @Override
      public String apply(long index) {
        return records.apply(index);
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
