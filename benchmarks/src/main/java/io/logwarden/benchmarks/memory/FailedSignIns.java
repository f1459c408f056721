package io.logwarden.benchmarks.memory;

import io.logwarden.schema.Actor;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import java.time.Instant;
import java.util.Map;

/**
 * Failed sign-ins as the normalize topology writes them to the security-events topic, one distinct
 * key per index: key {@code i} is the source address {@code 10.a.b.c} numbered {@code i + 1} and the
 * user {@code user<i>}, so that every rule keyed by source or by user sees one key per index.
 */
final class FailedSignIns {

  /** Indexes up to here fit in 10.0.0.0/8. */
  static final long MAX_INDEX = (1L << 24) - 2;
  private static final String RAW_TOPIC = "logs.raw.auth";

  private long sequence;

  static String address(long index) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException("key index " + index + " is outside 10.0.0.0/8");
    }
    long a = index + 1;
    return "10." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  static String user(long index) {
    return "user" + index;
  }

  LogEvent event(long index, Instant time) {
    long n = sequence++;
    String user = user(index);
    String address = address(index);
    int port = 32768 + (int) (n % 28000);
    return LogEvent.newBuilder()
        .setEventId("mem-" + n)
        .setEventTime(time)
        .setObservedTime(time)
        .setCategory(Category.AUTHENTICATION)
        .setAction("sign_in")
        .setOutcome(Outcome.FAILURE)
        .setSeverityNumber(13)
        .setSeverityText("WARN")
        .setActor(Actor.newBuilder().setUser(user).setProcess("sshd").build())
        .setSource(Source.newBuilder().setHost("bastion-1").setAddress(address).setPort(port).build())
        .setMessage("Failed password for " + user + " from " + address + " port " + port + " ssh2")
        .setAttributes(Map.of("log.syslog.facility.name", "authpriv"))
        .setOrigin(Origin.newBuilder().setTopic(RAW_TOPIC).setPartition(0).setOffset(n).setFormat("syslog_rfc3164")
            .build())
        .setRedaction(Redaction.newBuilder().setKeyId("bench").build())
        .build();
  }
}
