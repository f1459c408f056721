package io.logwarden.notify;

import io.logwarden.schema.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code notify:} section of the deployment config: the destinations by name, in the order
 * written, and the routes that choose them.
 */
public record NotifySettings(Map<String, Destination> destinations, List<Route> routes) {

  private static final NotifySettings NONE = new NotifySettings(Map.of(), List.of());

  public NotifySettings {
    destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
    routes = List.copyOf(routes);
    for (Route route : routes) {
      for (String name : route.to()) {
        if (!destinations.containsKey(name)) {
          throw new IllegalArgumentException(route.where() + ": no destination '" + name + "'");
        }
      }
    }
  }

  /** No {@code notify:} section: nothing is notified. */
  public static NotifySettings none() {
    return NONE;
  }

  /** Whether there is any destination. */
  public boolean isEmpty() {
    return destinations.isEmpty();
  }

  /**
   * The destinations an alert of this rule and severity is routed to, each once, in the order the
   * routes name them; whether a destination is sent a given alert state is its own setting
   * ({@link Destination#sends}).
   */
  public List<Destination> routed(String ruleId, Severity severity) {
    Set<String> names = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.matches(ruleId, severity)) {
        names.addAll(route.to());
      }
    }
    List<Destination> routed = new ArrayList<>(names.size());
    names.forEach(name -> routed.add(destinations.get(name)));
    return routed;
  }

  /** The destinations an alert of this rule and severity opening is sent to. */
  public List<Destination> notifiedOnOpen(String ruleId, Severity severity) {
    return routed(ruleId, severity).stream().filter(d -> d.sends(Trigger.OPEN)).toList();
  }

  /** Destinations no route names: they are never sent anything but {@code notify test}'s notification. */
  public List<String> unrouted() {
    Set<String> used = new LinkedHashSet<>();
    routes.forEach(route -> used.addAll(route.to()));
    return destinations.keySet().stream().filter(name -> !used.contains(name)).toList();
  }

  /**
   * Refuses a route that names a rule the rules file does not have: such a route would never match.
   *
   * @throws IllegalArgumentException naming the route's place and the unknown rule
   */
  public void checkRules(Collection<String> ruleIds) {
    for (Route route : routes) {
      for (String rule : route.rules()) {
        if (!ruleIds.contains(rule)) {
          throw new IllegalArgumentException(route.where() + ": rule '" + rule + "' is not in the rules file (rules: "
              + String.join(", ", new TreeSet<>(ruleIds)) + ")");
        }
      }
    }
  }
}
