package io.logwarden.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A set of the policy's topics, as the access matrix names it: {@code raw} (every raw topic),
 * {@code stores} (every store topic), {@code store:<id>} (one), {@code security_events},
 * {@code alerts} or {@code dead_letter}.
 *
 * @param storeId the store of a {@link Kind#STORE} group, else null
 */
public record TopicGroup(Kind kind, String storeId) {

  /** What a group covers. */
  public enum Kind {
    RAW, STORES, STORE, SECURITY_EVENTS, ALERTS, DEAD_LETTER;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final String STORE_PREFIX = "store:";

  public TopicGroup {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.STORE) != (storeId != null)) {
      throw new IllegalArgumentException("a store group, and only it, names a store");
    }
  }

  /** The words a policy may write, for messages. */
  static List<String> words() {
    return Arrays.stream(Kind.values()).map(k -> k == Kind.STORE ? STORE_PREFIX + "<id>" : k.word()).toList();
  }

  @Override
  public String toString() {
    return kind == Kind.STORE ? STORE_PREFIX + storeId : kind.word();
  }
}
