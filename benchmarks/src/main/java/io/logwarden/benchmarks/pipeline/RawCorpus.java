package io.logwarden.benchmarks.pipeline;

/** Raw record values by index, as the pipeline benchmark preloads and offers them. */
@FunctionalInterface
interface RawCorpus {

  /** The value of record {@code index}. */
  String record(long index);
}
