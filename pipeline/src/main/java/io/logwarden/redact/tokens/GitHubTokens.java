package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.WORD;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * GitHub: personal access tokens ({@code ghp_}, fine-grained {@code github_pat_}) and the OAuth,
 * user-to-server, server-to-server and refresh tokens ({@code gho_ ghu_ ghs_ ghr_}), as GitHub's
 * "About authentication to GitHub" lists the prefixes: 36 letters or digits after the four-character
 * prefix, 82 word characters after {@code github_pat_} (40 at least are required here).
 */
public final class GitHubTokens {

  public static final String PAT = "github-pat";
  public static final String TOKEN = "github-token";

  public static final TokenFamily FAMILY = new TokenFamily("GitHub",
      TokenShape.of("ghp_", PAT, body(4, ALNUM, 36)),
      TokenShape.of("github_pat_", PAT, body(11, WORD, 40)),
      TokenShape.of("gho_", TOKEN, body(4, ALNUM, 36)),
      TokenShape.of("ghu_", TOKEN, body(4, ALNUM, 36)),
      TokenShape.of("ghs_", TOKEN, body(4, ALNUM, 36)),
      TokenShape.of("ghr_", TOKEN, body(4, ALNUM, 36)));

  private GitHubTokens() {}
}
