package io.logwarden.topology;

import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import java.util.Set;

/**
 * Which events the detection topology needs (sign-ins, administrative actions, configuration
 * changes), and the key they are published under on the security-events topic.
 */
public final class SecurityRelevance {

  private static final Set<String> SECURITY_ACTIONS = Set.of("sign_in", "admin_action", "config_change");

  private SecurityRelevance() {}

  public static boolean isSecurityEvent(LogEvent event) {
    return event.getCategory() == Category.AUTHENTICATION
        || event.getCategory() == Category.SECURITY
        || (event.getAction() != null && SECURITY_ACTIONS.contains(event.getAction()));
  }

  /** The actor key: the user, else the source address, else the event id. */
  public static String actorKey(LogEvent event) {
    if (event.getActor().getUser() != null) {
      return event.getActor().getUser();
    }
    if (event.getSource().getAddress() != null) {
      return event.getSource().getAddress();
    }
    return event.getEventId();
  }
}
