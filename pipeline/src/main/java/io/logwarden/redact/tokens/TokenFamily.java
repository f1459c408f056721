package io.logwarden.redact.tokens;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The token shapes of one provider (or one token format), registered in {@link ProviderTokens#FAMILIES}.
 *
 * @param name the provider, as the generated reference names it
 * @param shapes its token shapes, one per prefix
 * @param otherKinds kinds its tokens' companions or its context words report
 */
public record TokenFamily(String name, List<TokenShape> shapes, List<String> otherKinds) {

  public TokenFamily {
    Objects.requireNonNull(name, "name");
    shapes = List.copyOf(shapes);
    otherKinds = List.copyOf(otherKinds);
  }

  public TokenFamily(String name, TokenShape... shapes) {
    this(name, List.of(shapes), List.of());
  }

  /** The kinds this family can report, in the order of its shapes. */
  public List<String> kinds() {
    Set<String> kinds = new LinkedHashSet<>();
    for (TokenShape shape : shapes) {
      if (shape.kind() != null) {
        kinds.add(shape.kind());
      }
    }
    kinds.addAll(otherKinds);
    return new ArrayList<>(kinds);
  }
}
