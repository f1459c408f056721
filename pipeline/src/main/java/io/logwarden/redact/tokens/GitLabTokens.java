package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * GitLab: personal access tokens ({@code glpat-}), runner authentication tokens ({@code glrt-}) and
 * the legacy runner registration tokens ({@code GR1348941}), from GitLab's "Token prefixes" table.
 */
public final class GitLabTokens {

  public static final String PAT = "gitlab-pat";
  public static final String RUNNER_TOKEN = "gitlab-runner-token";

  public static final TokenFamily FAMILY = new TokenFamily("GitLab",
      TokenShape.of("glpat-", PAT, body(6, KEY, 20)),
      TokenShape.of("glrt-", RUNNER_TOKEN, body(5, KEY, 20)),
      TokenShape.of("GR1348941", RUNNER_TOKEN, body(9, B64URL, 20)));

  private GitLabTokens() {}
}
