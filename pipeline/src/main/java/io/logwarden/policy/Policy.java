package io.logwarden.policy;

import io.logwarden.schema.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Logging and Monitoring Policy as the pipeline runs it: stores and their retention, the
 * pipeline's own topics, routing from event categories to stores and to detection, the clock-skew
 * tolerance, how raw sources are read (per-source settings, mappings for JSON shapes, the user's source
 * catalogue entries) and who may read
 * and write which topics.
 * Immutable; built by {@link PolicyLoader}, which validates it.
 */
public record Policy(
    PolicyInfo info,
    Map<String, Store> stores,
    Topics topics,
    List<Route> routing,
    Duration clockSkewTolerance,
    SecurityRouting securityRouting,
    Map<String, SourceSettings> sources,
    List<JsonMapping> jsonMappings,
    RedactionSettings redaction,
    Access access,
    UserCatalogue userCatalogue) {

  public Policy {
    Objects.requireNonNull(info, "info");
    stores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stores));
    Objects.requireNonNull(topics, "topics");
    routing = List.copyOf(routing);
    Objects.requireNonNull(clockSkewTolerance, "clockSkewTolerance");
    Objects.requireNonNull(securityRouting, "securityRouting");
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    jsonMappings = List.copyOf(jsonMappings);
    Objects.requireNonNull(redaction, "redaction");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(userCatalogue, "userCatalogue");
  }

  /** This policy with the user's catalogue entries located. */
  public Policy withUserCatalogue(UserCatalogue catalogue) {
    return new Policy(info, stores, topics, routing, clockSkewTolerance, securityRouting, sources, jsonMappings,
        redaction, access, catalogue);
  }

  /** This policy with other redaction settings (the secret rules file resolved against the policy's directory). */
  public Policy withRedaction(RedactionSettings settings) {
    return new Policy(info, stores, topics, routing, clockSkewTolerance, securityRouting, sources, jsonMappings,
        settings, access, userCatalogue);
  }

  /** The reading settings of a raw topic's source, or null when it has none. */
  public SourceSettings sourceOf(String rawTopic) {
    String prefix = topics.rawPrefix();
    return rawTopic.startsWith(prefix) ? sources.get(rawTopic.substring(prefix.length())) : null;
  }

  /** The stores that events of this category that are not errors go to, in policy order. */
  public List<Store> storesFor(Category category) {
    return storesFor(category, false);
  }

  /** The stores that events of this category go to, in policy order, without duplicates. */
  public List<Store> storesFor(Category category, boolean error) {
    Set<String> ids = new LinkedHashSet<>();
    for (Route route : routing) {
      if (route.matches(category, error)) {
        ids.addAll(route.stores());
      }
    }
    List<Store> result = new ArrayList<>(ids.size());
    for (String id : ids) {
      result.add(stores.get(id));
    }
    return result;
  }

  /** Every topic the pipeline writes: the store topics, then security events, alerts and the DLQ. */
  public List<TopicSpec> outputTopics() {
    List<TopicSpec> specs = new ArrayList<>();
    for (Store store : stores.values()) {
      specs.add(store.topicSpec());
    }
    specs.add(topics.securityEvents());
    specs.add(topics.alerts());
    specs.add(topics.deadLetter());
    return List.copyOf(specs);
  }
}
