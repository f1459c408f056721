package io.logwarden.policy;

import java.util.List;
import java.util.Objects;

/**
 * A role of the access matrix: its principals may read and write the listed topic groups, and use
 * consumer groups whose names begin with one of the listed prefixes.
 *
 * @param id the role's key in the policy, e.g. {@code log_admin}
 * @param name the role's name in the policy's words, e.g. {@code LogAdmin}
 * @param principals Kafka principals, e.g. {@code User:alice}
 * @param read topic groups the role reads
 * @param write topic groups the role writes
 * @param groupPrefixes prefixes of the consumer groups the role's principals may use
 */
public record AccessRole(
    String id,
    String name,
    List<String> principals,
    List<TopicGroup> read,
    List<TopicGroup> write,
    List<String> groupPrefixes) {

  public AccessRole {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    principals = List.copyOf(principals);
    read = List.copyOf(read);
    write = List.copyOf(write);
    groupPrefixes = List.copyOf(groupPrefixes);
  }
}
