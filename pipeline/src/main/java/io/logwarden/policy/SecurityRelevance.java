package io.logwarden.policy;

import io.logwarden.policy.SecurityRouting;
import io.logwarden.schema.LogEvent;

/**
 * Which events the detection topology needs (by the policy's security routing: sign-ins,
 * administrative actions, configuration changes, clocks running ahead), and the key they are
 * published under on the security-events topic.
 */
public final class SecurityRelevance {

  private final SecurityRouting routing;

  public SecurityRelevance(SecurityRouting routing) {
    this.routing = routing;
  }

  public boolean isSecurityEvent(LogEvent event) {
    if (event.getAction() != null && routing.actions().contains(event.getAction())) {
      return true;
    }
    for (String flag : event.getFlags()) {
      if (routing.flags().contains(flag)) {
        return true;
      }
    }
    return false;
  }

  /** The actor key: the user, else the source address, else the host, else the event id. */
  public static String actorKey(LogEvent event) {
    if (event.getActor().getUser() != null) {
      return event.getActor().getUser();
    }
    if (event.getSource().getAddress() != null) {
      return event.getSource().getAddress();
    }
    if (event.getSource().getHost() != null) {
      return event.getSource().getHost();
    }
    return event.getEventId();
  }
}
