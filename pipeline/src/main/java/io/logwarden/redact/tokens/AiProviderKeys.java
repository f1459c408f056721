package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.looksRandom;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * Model providers: OpenAI project, service-account, admin and legacy keys ({@code sk-proj-},
 * {@code sk-svcacct-}, {@code sk-admin-}, {@code sk-} with 32 random-looking characters), Anthropic
 * keys ({@code sk-ant-}) and Hugging Face access tokens ({@code hf_}). Langfuse's {@code sk-lf-} is
 * left to the rule set, which names it.
 */
public final class AiProviderKeys {

  public static final String OPENAI_API_KEY = "openai-api-key";
  public static final String ANTHROPIC_API_KEY = "anthropic-api-key";
  public static final String HUGGINGFACE_TOKEN = "huggingface-token";

  private static final TokenShape.End LEGACY_BODY = body(3, B64URL, 32);

  public static final TokenFamily FAMILY = new TokenFamily("OpenAI, Anthropic, Hugging Face",
      TokenShape.of("sk-ant-", ANTHROPIC_API_KEY, body(7, B64URL, 32)),
      TokenShape.of("sk-proj-", OPENAI_API_KEY, body(8, B64URL, 20)),
      TokenShape.of("sk-svcacct-", OPENAI_API_KEY, body(11, B64URL, 20)),
      TokenShape.of("sk-admin-", OPENAI_API_KEY, body(9, B64URL, 20)),
      TokenShape.leftToRules("sk-lf-"),
      TokenShape.of("sk-", OPENAI_API_KEY, AiProviderKeys::legacyOpenAi),
      TokenShape.of("hf_", HUGGINGFACE_TOKEN, body(3, ALNUM, 30)));

  private AiProviderKeys() {}

  private static int legacyOpenAi(String t, int i) {
    int e = LEGACY_BODY.end(t, i);
    return e > 0 && looksRandom(t, i + 3, e) ? e : -1;
  }
}
