package io.logwarden.topics;

/** A setting of an existing topic that differs from what the policy asks for. */
public record TopicDrift(String topic, String setting, String expected, String actual) {

  @Override
  public String toString() {
    return topic + ": " + setting + " is " + actual + ", policy says " + expected;
  }
}
