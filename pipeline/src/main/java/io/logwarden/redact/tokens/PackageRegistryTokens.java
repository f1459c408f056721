package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * Package registries: npm access tokens ({@code npm_} and 36 letters or digits) and PyPI API tokens
 * (macaroons whose serialisation starts {@code pypi-AgEIcHlwaS5vcmc}, "pypi.org" in base64).
 */
public final class PackageRegistryTokens {

  public static final String NPM_TOKEN = "npm-token";
  public static final String PYPI_TOKEN = "pypi-token";

  public static final TokenFamily FAMILY = new TokenFamily("npm, PyPI",
      TokenShape.of("npm_", NPM_TOKEN, body(4, ALNUM, 36)),
      TokenShape.of("pypi-AgEIcHlwaS5vcmc", PYPI_TOKEN, body(20, B64URL, 40)));

  private PackageRegistryTokens() {}
}
