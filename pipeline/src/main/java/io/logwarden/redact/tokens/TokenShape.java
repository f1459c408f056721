package io.logwarden.redact.tokens;

import java.util.Objects;

/**
 * One provider token shape: the literal prefix a token starts with, the kind it is redacted as, and a
 * check of the rest. Where several prefixes of the registry match at one place, the longest decides
 * alone ({@code sk-ant-} before {@code sk-}).
 *
 * @param prefix the literal start of the token, at least two characters; the token starts a word
 * @param kind the kind of the replacement, {@code [REDACTED:<kind>]}; null for a prefix the fast path
 *     leaves to the rule set (so that a shorter prefix does not take it)
 * @param end where the token that starts at a given place ends, or -1 when it is not this shape
 * @param companion what a found token makes a secret nearby, or null
 */
public record TokenShape(String prefix, String kind, End end, Companion companion) {

  /** The end of the token of this shape that starts at {@code start} of {@code t} (the prefix matched), or -1. */
  @FunctionalInterface
  public interface End {
    int end(String t, int start);
  }

  /** Reports the secrets a found token {@code [start, end)} makes of text around it. */
  @FunctionalInterface
  public interface Companion {
    void find(String t, int start, int end, Sink sink);
  }

  /** Receives one secret span. */
  @FunctionalInterface
  public interface Sink {
    void add(int start, int end, String kind);
  }

  public TokenShape {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(end, "end");
    if (prefix.length() < 2) {
      throw new IllegalArgumentException("a token prefix needs two characters at least: " + prefix);
    }
  }

  /** A shape whose tokens are {@code kind}. */
  public static TokenShape of(String prefix, String kind, End end) {
    return new TokenShape(prefix, Objects.requireNonNull(kind, "kind"), end, null);
  }

  /** A prefix that a rule of the rule set names better: tokens that start with it are not this registry's. */
  public static TokenShape leftToRules(String prefix) {
    return new TokenShape(prefix, null, (t, start) -> -1, null);
  }

  /** This shape, with {@code companion} run on each token found. */
  public TokenShape with(Companion companion) {
    return new TokenShape(prefix, kind, end, companion);
  }

  /** {@code prefix} then at least {@code minBody} characters of {@code cls} (see {@link CharClasses}). */
  public static End body(int prefixLength, int cls, int minBody) {
    return (t, start) -> {
      int b = start + prefixLength;
      int e = CharClasses.run(t, b, t.length(), cls);
      return e - b >= minBody ? e : -1;
    };
  }
}
