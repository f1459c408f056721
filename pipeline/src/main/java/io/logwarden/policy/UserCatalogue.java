package io.logwarden.policy;

import java.nio.file.Path;

/**
 * Where a policy keeps its own source-catalogue entries, for the catalogue loader to read them with
 * their line numbers: the policy's {@code catalogue:} list and the file its {@code catalogue_file:}
 * names. The policy loader checks only that they are there; the catalogue loader checks their meaning.
 *
 * @param sourceName the policy's name in messages
 * @param policyText the policy's text, for the {@code catalogue:} entries and their lines
 * @param inline whether the policy has a {@code catalogue:} list
 * @param file the {@code catalogue_file}, resolved against the policy's directory, or null
 */
public record UserCatalogue(String sourceName, String policyText, boolean inline, Path file) {

  /** No entries of the user's. */
  public static final UserCatalogue NONE = new UserCatalogue("", "", false, null);

  /** Whether the policy has entries of its own, inline or in a file. */
  public boolean isEmpty() {
    return !inline && file == null;
  }
}
