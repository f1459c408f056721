package io.logwarden.topology;

import java.util.Locale;

/** The topologies logwarden runs; each is its own Kafka Streams application and deployment. */
public enum TopologyKind {
  NORMALIZE,
  DETECT,
  /** Alerts to people: the destinations of the deployment config's {@code notify:} section. */
  NOTIFY;

  /** Lower-case name, as in {@code --topology normalize} and the application id suffix. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
