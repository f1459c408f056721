package io.logwarden.detect.rules;

import io.logwarden.normalize.ErrorEvents;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.util.Set;

/**
 * Which events a rule step matches: every condition that is given must hold (an empty set places no
 * condition); within one condition, any listed value matches.
 *
 * @param categories the event's category is one of these
 * @param actions the event's action is one of these
 * @param outcomes the event's outcome is one of these
 * @param flags the event carries at least one of these flags
 * @param errorsOnly the event is an error (severity ERROR or above, an exception, or a Sentry event)
 */
public record EventCondition(
    Set<Category> categories, Set<String> actions, Set<Outcome> outcomes, Set<String> flags, boolean errorsOnly) {

  public EventCondition {
    categories = Set.copyOf(categories);
    actions = Set.copyOf(actions);
    outcomes = Set.copyOf(outcomes);
    flags = Set.copyOf(flags);
  }

  public boolean matches(LogEvent event) {
    if (!categories.isEmpty() && !categories.contains(event.getCategory())) {
      return false;
    }
    if (!actions.isEmpty() && (event.getAction() == null || !actions.contains(event.getAction()))) {
      return false;
    }
    if (!outcomes.isEmpty() && !outcomes.contains(event.getOutcome())) {
      return false;
    }
    if (!flags.isEmpty() && !anyFlag(event)) {
      return false;
    }
    return !errorsOnly || ErrorEvents.isError(event);
  }

  private boolean anyFlag(LogEvent event) {
    for (String flag : event.getFlags()) {
      if (flags.contains(flag)) {
        return true;
      }
    }
    return false;
  }
}
