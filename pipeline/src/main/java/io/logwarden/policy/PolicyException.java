package io.logwarden.policy;

/**
 * A policy file or detection rules file that was refused: unreadable, malformed YAML, or a policy
 * or rules that do not make sense, with where the problem is.
 *
 * <p>The message reads {@code <source> line <N>: <path>: <problem>}, for example
 * {@code policy.yaml line 26: stores.betterstack.retention: '-30d' is negative; ...} or
 * {@code rules.yaml line 23: rules[auth.brute_force.user].threshold: must be a whole number of at least 1}.
 * The line part is left out when the line is unknown and the path part when the problem is not at
 * one key.
 */
public final class PolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final int line;
  private final String path;
  private final String problem;

  /**
   * @param sourceName the file name, e.g. {@code policy.yaml} or {@code rules.yaml}
   * @param line the 1-based line of the problem, or -1 when unknown
   * @param path the dotted path of the offending key, e.g. {@code stores.sentry.retention} or
   *     {@code rules[auth.brute_force.user].window}, or empty when the problem is not at one key
   * @param problem what is wrong, in plain words
   */
  public PolicyException(String sourceName, int line, String path, String problem) {
    this(sourceName, line, path, problem, null);
  }

  /** As {@link #PolicyException(String, int, String, String)}, keeping the underlying cause. */
  public PolicyException(String sourceName, int line, String path, String problem, Throwable cause) {
    super(format(sourceName, line, path, problem), cause);
    this.sourceName = sourceName;
    this.line = line > 0 ? line : -1;
    this.path = path == null ? "" : path;
    this.problem = problem;
  }

  /** The message format, shared with warnings so both read alike. */
  public static String format(String sourceName, int line, String path, String problem) {
    StringBuilder message = new StringBuilder(sourceName);
    if (line > 0) {
      message.append(" line ").append(line);
    }
    message.append(": ");
    if (path != null && !path.isEmpty()) {
      message.append(path).append(": ");
    }
    return message.append(problem).toString();
  }

  /** A value from the file as messages quote it: in single quotes, cut short if long. */
  public static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return "'" + shown + "'";
  }

  /** The name of the refused file, e.g. {@code policy.yaml}. */
  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line of the problem, or -1 when it has no line (a missing file, a missing section). */
  public int line() {
    return line;
  }

  /** The dotted path of the offending key, e.g. {@code routing[0].stores[1]}; empty when none. */
  public String path() {
    return path;
  }

  /** The problem alone, without source, line and path. */
  public String problem() {
    return problem;
  }
}
