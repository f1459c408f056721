package io.logwarden.policy;

import io.logwarden.schema.Category;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A routing rule: events of these categories go to these stores. */
public record Route(String name, Set<Category> categories, List<String> stores) {
  public Route {
    Objects.requireNonNull(name, "name");
    categories = Set.copyOf(categories);
    stores = List.copyOf(stores);
  }

  public boolean matches(Category category) {
    return categories.contains(category);
  }
}
