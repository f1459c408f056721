package io.logwarden.benchmarks.corpus;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What one background record is about, before it is written in a format: its time, the user and
 * client address it mentions, the service and host that log it, its level and message, and whether
 * that message leaks a secret (then every shape must write the message).
 */
record Scene(SplittableRandom random, Instant time, String user, String address, String service, String namespace,
    String host, String level, String message, boolean leaks) {

  /** The service's package-style logger name. */
  String logger() {
    return "com.example." + service.replace("-", "") + "."
        + Vocabulary.LOGGERS.get(Math.abs(service.hashCode()) % Vocabulary.LOGGERS.size());
  }

  boolean isError() {
    return level.equals("ERROR");
  }
}
