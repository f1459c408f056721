package io.logwarden.it;

import java.util.ArrayList;
import java.util.List;

/** Raw ECS JSON lines of failed sign-ins, for tests that need a brute force to alert on. */
public final class SignInLines {

  private SignInLines() {}

  /**
   * {@code count} failed sign-ins of distinct users (user0, user1, ...) from one source address, 3 s
   * apart from 2026-11-27T08:14:05Z.
   */
  public static List<String> failedFrom(String sourceAddress, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("{\"@timestamp\":\"2026-11-27T08:14:" + String.format("%02d", 5 + i * 3) + "Z\",\"level\":\"WARN\","
          + "\"message\":\"Sign-in failed\",\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},"
          + "\"user\":{\"name\":\"user" + i + "\"},\"source\":{\"ip\":\"" + sourceAddress + "\"}}");
    }
    return lines;
  }
}
