package io.logwarden.detect.rules;

/** The kinds of correlation a rule file can express. */
public enum RuleType {
  /** At least {@code threshold} matching events per key within the window. */
  COUNT("count"),
  /** At least {@code threshold} distinct values of a field among the matching events per key within the window. */
  DISTINCT_COUNT("distinct_count"),
  /** An event of the {@code then} step for a key that had at least {@code threshold} {@code first} steps within the window before it. */
  SEQUENCE("sequence");

  private final String yamlName;

  RuleType(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  /** The type of this rule-file name, or null when there is none. */
  public static RuleType byName(String name) {
    for (RuleType type : values()) {
      if (type.yamlName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
