package io.logwarden.benchmarks.detect;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error; standard output carries only the report. */
public final class Progress {

  private Progress() {}

  public static void log(String format, Object... args) {
    System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
