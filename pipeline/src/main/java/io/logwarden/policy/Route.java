package io.logwarden.policy;

import io.logwarden.schema.Category;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A routing rule: events of these categories go to these stores; with {@code errorsOnly}, only the
 * events that are errors (severity ERROR or above, or carrying an exception).
 */
public record Route(String name, Set<Category> categories, boolean errorsOnly, List<String> stores) {
  public Route {
    Objects.requireNonNull(name, "name");
    categories = Set.copyOf(categories);
    stores = List.copyOf(stores);
  }

  public boolean matches(Category category, boolean error) {
    return categories.contains(category) && (error || !errorsOnly);
  }
}
