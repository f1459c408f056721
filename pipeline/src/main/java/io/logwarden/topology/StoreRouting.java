package io.logwarden.topology;

import io.logwarden.normalize.ErrorEvents;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The policy's routing, resolved once per topology into a table by category and error-ness, so each
 * record costs two map lookups.
 */
public final class StoreRouting {

  private final Map<Category, Set<String>> plain = new EnumMap<>(Category.class);
  private final Map<Category, Set<String>> errors = new EnumMap<>(Category.class);

  public StoreRouting(Policy policy) {
    for (Category category : Category.values()) {
      plain.put(category, ids(policy, category, false));
      errors.put(category, ids(policy, category, true));
    }
  }

  /** Whether the event goes to the store. */
  public boolean routes(LogEvent event, String storeId) {
    return (ErrorEvents.isError(event) ? errors : plain).get(event.getCategory()).contains(storeId);
  }

  private static Set<String> ids(Policy policy, Category category, boolean error) {
    Set<String> ids = new HashSet<>();
    for (Store store : policy.storesFor(category, error)) {
      ids.add(store.id());
    }
    return Set.copyOf(ids);
  }
}
