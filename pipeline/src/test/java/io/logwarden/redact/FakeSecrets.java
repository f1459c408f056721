package io.logwarden.redact;

import io.logwarden.redact.tokens.AiProviderKeys;
import io.logwarden.redact.tokens.AuthressKeys;
import io.logwarden.redact.tokens.AwsKeys;
import io.logwarden.redact.tokens.AzureClientSecrets;
import io.logwarden.redact.tokens.DatabricksTokens;
import io.logwarden.redact.tokens.FlyIoTokens;
import io.logwarden.redact.tokens.GitHubTokens;
import io.logwarden.redact.tokens.GitLabTokens;
import io.logwarden.redact.tokens.GoogleKeys;
import io.logwarden.redact.tokens.JsonWebTokens;
import io.logwarden.redact.tokens.OnePasswordKeys;
import io.logwarden.redact.tokens.PackageRegistryTokens;
import io.logwarden.redact.tokens.SendGridKeys;
import io.logwarden.redact.tokens.SlackTokens;
import io.logwarden.redact.tokens.StripeKeys;
import io.logwarden.redact.tokens.TwilioKeys;
import io.logwarden.redact.tokens.VaultTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Fake credentials with the right shape, built at run time from random characters so that no string
 * in the repository looks like a live key to a secret scanner (prefixes are split on purpose).
 */
public final class FakeSecrets {

  /** One planted secret: the text to put in a line, the part of it that must vanish, its kind. */
  public record Planted(String variant, String kind, String text, String secret) {
    @Override
    public String toString() {
      return variant;
    }
  }

  /** A way to make one shape of one kind. */
  public record Variant(String name, String kind, Function<Random, Planted> make) {
    public Planted plant(Random random) {
      return make.apply(random);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String ALNUM = UPPER + LOWER + DIGITS;
  private static final String B64URL = ALNUM + "-_";
  private static final String B64 = ALNUM + "+/";
  private static final String BASE32 = UPPER + "234567";
  private static final String HEX = "0123456789abcdef";
  private static final String AZURE = ALNUM + "_-.~";
  private static final String PASSWORD = ALNUM + "!#%*+-/?@^_~";
  private static final String URL_PASSWORD = ALNUM + "!*-_~";

  private FakeSecrets() {}

  static String chars(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Random characters with at least one upper-case letter, one lower-case letter and one digit. */
  static String mixed(Random r, String alphabet, int n) {
    char[] c = chars(r, alphabet, n).toCharArray();
    c[0] = UPPER.charAt(r.nextInt(26));
    c[1] = LOWER.charAt(r.nextInt(26));
    c[2] = DIGITS.charAt(r.nextInt(10));
    return new String(c);
  }

  /** A password that starts with a letter and has no character that ends an unquoted value. */
  static String password(Random r) {
    return mixed(r, ALNUM, 3) + chars(r, PASSWORD, 13);
  }

  private static final List<String> WORDS = List.of("correct", "horse", "battery", "staple", "orange", "violin",
      "granite", "meadow", "copper", "lantern", "harbor", "thistle", "saffron", "quartz", "willow", "ember");

  /** Four to six random words: a passphrase that reads like prose. */
  static String passphrase(Random r) {
    StringBuilder sb = new StringBuilder();
    int words = 4 + r.nextInt(3);
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS.get(r.nextInt(WORDS.size())));
    }
    return sb.toString();
  }

  private static Variant token(String name, String kind, Function<Random, String> secret) {
    return new Variant(name, kind, r -> {
      String s = secret.apply(r);
      return new Planted(name, kind, s, s);
    });
  }

  private static Variant withContext(String name, String kind, String context, Function<Random, String> secret) {
    return new Variant(name, kind, r -> {
      String s = secret.apply(r);
      return new Planted(name, kind, context + s, s);
    });
  }

  private static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String jwt(Random r) {
    String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload = b64url("{\"sub\":\"u_" + r.nextInt(100_000) + "\",\"iat\":" + (1_784_000_000 + r.nextInt(1_000_000)) + "}");
    return header + "." + payload + "." + chars(r, B64URL, 43);
  }

  /** A PEM block as it appears in a multi-line text. */
  static String privateKeyBlock(Random r, String label) {
    StringBuilder sb = new StringBuilder("-----" + "BEGIN " + label + " KEY-----\n");
    for (int i = 0; i < 4; i++) {
      sb.append(chars(r, B64, 64)).append('\n');
    }
    return sb.append("-----END ").append(label).append(" KEY-----").toString();
  }

  /** Provider tokens: caught by their shape alone (the AWS secret and legacy Vault need a context word). */
  public static final List<Variant> TOKENS = List.of(
      token("aws-access-key-id AKIA", AwsKeys.ACCESS_KEY_ID, r -> "AK" + "IA" + chars(r, BASE32, 16)),
      token("aws-access-key-id ASIA", AwsKeys.ACCESS_KEY_ID, r -> "AS" + "IA" + chars(r, BASE32, 16)),
      withContext("aws-secret-access-key", AwsKeys.SECRET_ACCESS_KEY, "aws secret ", r -> mixed(r, B64, 40)),
      token("github-pat classic", GitHubTokens.PAT, r -> "gh" + "p_" + chars(r, ALNUM, 36)),
      token("github-pat fine-grained", GitHubTokens.PAT,
          r -> "github" + "_pat_" + chars(r, ALNUM, 22) + "_" + chars(r, ALNUM, 59)),
      token("github-token oauth", GitHubTokens.TOKEN, r -> "gh" + "o_" + chars(r, ALNUM, 36)),
      token("github-token user-to-server", GitHubTokens.TOKEN, r -> "gh" + "u_" + chars(r, ALNUM, 36)),
      token("github-token server-to-server", GitHubTokens.TOKEN, r -> "gh" + "s_" + chars(r, ALNUM, 36)),
      token("github-token refresh", GitHubTokens.TOKEN, r -> "gh" + "r_" + chars(r, ALNUM, 36)),
      token("gitlab-pat", GitLabTokens.PAT, r -> "gl" + "pat-" + chars(r, B64URL, 20)),
      token("gitlab-runner-token glrt", GitLabTokens.RUNNER_TOKEN, r -> "gl" + "rt-" + chars(r, B64URL, 20)),
      token("gitlab-runner-token registration", GitLabTokens.RUNNER_TOKEN,
          r -> "GR13" + "48941" + chars(r, B64URL, 20)),
      token("slack-token bot", SlackTokens.TOKEN,
          r -> "xo" + "xb-" + chars(r, DIGITS, 11) + "-" + chars(r, DIGITS, 13) + "-" + chars(r, ALNUM, 24)),
      token("slack-token user", SlackTokens.TOKEN,
          r -> "xo" + "xp-" + chars(r, DIGITS, 11) + "-" + chars(r, DIGITS, 13) + "-" + chars(r, DIGITS, 13) + "-" + chars(r, HEX, 32)),
      token("slack-token app", SlackTokens.TOKEN,
          r -> "xa" + "pp-1-A" + chars(r, UPPER + DIGITS, 10) + "-" + chars(r, DIGITS, 13) + "-" + chars(r, HEX, 64)),
      token("slack-webhook", SlackTokens.WEBHOOK,
          r -> "https://hooks.sl" + "ack.com/services/T" + chars(r, UPPER + DIGITS, 8) + "/B" + chars(r, UPPER + DIGITS, 10)
              + "/" + chars(r, ALNUM, 24)),
      token("stripe-secret-key live", StripeKeys.SECRET_KEY, r -> "sk" + "_live_" + chars(r, ALNUM, 24)),
      token("stripe-secret-key test", StripeKeys.SECRET_KEY, r -> "sk" + "_test_" + chars(r, ALNUM, 99)),
      token("stripe-restricted-key", StripeKeys.RESTRICTED_KEY, r -> "rk" + "_live_" + chars(r, ALNUM, 24)),
      token("openai-api-key project", AiProviderKeys.OPENAI_API_KEY, r -> "sk" + "-proj-" + chars(r, B64URL, 74)),
      token("openai-api-key legacy", AiProviderKeys.OPENAI_API_KEY, r -> "sk" + "-" + mixed(r, ALNUM, 48)),
      token("anthropic-api-key", AiProviderKeys.ANTHROPIC_API_KEY, r -> "sk" + "-ant-api03-" + chars(r, B64URL, 93) + "AA"),
      token("google-api-key", GoogleKeys.API_KEY, r -> "AI" + "za" + chars(r, B64URL, 35)),
      token("sendgrid-api-key", SendGridKeys.API_KEY, r -> "SG" + "." + chars(r, B64URL, 22) + "." + chars(r, B64URL, 43)),
      token("npm-token", PackageRegistryTokens.NPM_TOKEN, r -> "np" + "m_" + chars(r, ALNUM, 36)),
      token("pypi-token", PackageRegistryTokens.PYPI_TOKEN, r -> "py" + "pi-AgEIcHlwaS5vcmc" + chars(r, B64URL, 70)),
      token("huggingface-token", AiProviderKeys.HUGGINGFACE_TOKEN, r -> "h" + "f_" + chars(r, UPPER + LOWER, 34)),
      token("azure-client-secret", AzureClientSecrets.CLIENT_SECRET,
          r -> chars(r, ALNUM, 3) + chars(r, DIGITS, 1) + "Q" + "~" + chars(r, AZURE, 33) + chars(r, ALNUM, 1)),
      token("vault-token service", VaultTokens.TOKEN, r -> "hv" + "s." + chars(r, B64URL, 90)),
      withContext("vault-token legacy", VaultTokens.TOKEN, "vault token ", r -> "s" + "." + mixed(r, ALNUM, 24)),
      token("databricks-token", DatabricksTokens.TOKEN, r -> "da" + "pi" + chars(r, HEX, 32)),
      token("jwt", JsonWebTokens.JWT, FakeSecrets::jwt),
      token("twilio-api-key", TwilioKeys.API_KEY, r -> "S" + "K" + chars(r, HEX, 32)),
      token("1password-secret-key", OnePasswordKeys.SECRET_KEY,
          r -> "A" + "3-" + chars(r, UPPER + DIGITS, 6) + "-" + chars(r, UPPER + DIGITS, 11) + "-" + chars(r, UPPER + DIGITS, 5)
              + "-" + chars(r, UPPER + DIGITS, 5) + "-" + chars(r, UPPER + DIGITS, 5)),
      token("1password-secret-key split group", OnePasswordKeys.SECRET_KEY,
          r -> "A" + "3-" + chars(r, UPPER + DIGITS, 6) + "-" + chars(r, UPPER + DIGITS, 6) + "-" + chars(r, UPPER + DIGITS, 5)
              + "-" + chars(r, UPPER + DIGITS, 5) + "-" + chars(r, UPPER + DIGITS, 5) + "-" + chars(r, UPPER + DIGITS, 5)),
      token("flyio-access-token fo1", FlyIoTokens.ACCESS_TOKEN, r -> "fo" + "1_" + chars(r, B64URL, 43)),
      token("flyio-access-token fm2", FlyIoTokens.ACCESS_TOKEN, r -> "fm" + "2_" + chars(r, B64, 140) + "=="),
      token("flyio-access-token fm1r", FlyIoTokens.ACCESS_TOKEN, r -> "fm" + "1r_" + chars(r, ALNUM, 120)),
      token("authress-service-client-access-key", AuthressKeys.ACCESS_KEY,
          r -> "sc" + "_" + chars(r, LOWER + DIGITS, 12) + "." + chars(r, LOWER + DIGITS, 5) + ".ac" + "c_" + chars(r, LOWER + DIGITS, 20)
              + "." + chars(r, B64URL, 60)),
      token("authress-service-client-access-key authress_", AuthressKeys.ACCESS_KEY,
          r -> "authress" + "_" + chars(r, ALNUM, 8) + "." + chars(r, ALNUM, 4) + ".ac" + "c-" + chars(r, LOWER + DIGITS + "-", 16)
              + "." + chars(r, B64, 44)),
      // One variant for every other registered prefix (TokenShapesTest holds the list complete).
      token("aws-access-key-id ABIA", AwsKeys.ACCESS_KEY_ID, r -> "AB" + "IA" + chars(r, BASE32, 16)),
      token("aws-access-key-id ACCA", AwsKeys.ACCESS_KEY_ID, r -> "AC" + "CA" + chars(r, BASE32, 16)),
      token("slack-token legacy workspace", SlackTokens.TOKEN,
          r -> "xo" + "xa-" + chars(r, DIGITS, 11) + "-" + chars(r, DIGITS, 12) + "-" + chars(r, HEX, 32)),
      token("slack-token refresh", SlackTokens.TOKEN, r -> "xo" + "xr-" + chars(r, DIGITS, 12) + "-" + chars(r, ALNUM, 40)),
      token("slack-token legacy", SlackTokens.TOKEN, r -> "xo" + "xs-" + chars(r, DIGITS, 12) + "-" + chars(r, HEX, 32)),
      token("slack-token configuration", SlackTokens.TOKEN,
          r -> "xo" + "xe-1-" + chars(r, ALNUM, 16) + "-" + chars(r, DIGITS, 12) + "-" + chars(r, HEX, 64)),
      token("stripe-restricted-key test", StripeKeys.RESTRICTED_KEY, r -> "rk" + "_test_" + chars(r, ALNUM, 99)),
      token("openai-api-key service account", AiProviderKeys.OPENAI_API_KEY, r -> "sk" + "-svcacct-" + chars(r, B64URL, 74)),
      token("openai-api-key admin", AiProviderKeys.OPENAI_API_KEY, r -> "sk" + "-admin-" + chars(r, B64URL, 74)),
      token("vault-token batch", VaultTokens.TOKEN, r -> "hv" + "b." + chars(r, B64URL, 120)),
      token("vault-token recovery", VaultTokens.TOKEN, r -> "hv" + "r." + chars(r, B64URL, 24)),
      token("flyio-access-token fm1a", FlyIoTokens.ACCESS_TOKEN, r -> "fm" + "1a_" + chars(r, B64, 160) + "="),
      token("authress-service-client-access-key ext_", AuthressKeys.ACCESS_KEY,
          r -> "ex" + "t_" + chars(r, ALNUM, 10) + "." + chars(r, ALNUM, 6) + ".ac" + "c_" + chars(r, LOWER + DIGITS, 32)
              + "." + chars(r, B64URL, 30)),
      token("authress-service-client-access-key scauth_", AuthressKeys.ACCESS_KEY,
          r -> "sc" + "auth_" + chars(r, ALNUM, 30) + "." + chars(r, ALNUM, 4) + ".ac" + "c-" + chars(r, LOWER + DIGITS, 10)
              + "." + chars(r, B64, 120)));

  /**
   * Secrets found by their surroundings (a header, a URL, a key), planted with those surroundings,
   * as a single line. The PEM block is multi-line: callers escape it for JSON contexts.
   */
  public static final List<Variant> STRUCTURED = List.of(
      withContext("authorization bearer", SecretScanner.AUTHORIZATION, "Authorization: Bearer ", r -> chars(r, B64URL, 40)),
      withContext("authorization basic", SecretScanner.AUTHORIZATION, "Authorization: Basic ",
          r -> Base64.getEncoder().encodeToString(("svc_" + chars(r, LOWER, 6) + ":" + password(r)).getBytes(StandardCharsets.UTF_8))),
      withContext("proxy-authorization token", SecretScanner.AUTHORIZATION, "Proxy-Authorization: Token ", r -> mixed(r, ALNUM, 32)),
      withContext("cookie", SecretScanner.COOKIE, "Cookie: sid=", r -> mixed(r, ALNUM, 32)),
      withContext("set-cookie", SecretScanner.COOKIE, "Set-Cookie: SESSION=", r -> mixed(r, HEX + "XYZ", 32)),
      new Variant("url-credentials", SecretScanner.URL_CREDENTIALS, r -> {
        String pw = mixed(r, ALNUM, 3) + chars(r, URL_PASSWORD, 15);
        return new Planted("url-credentials", SecretScanner.URL_CREDENTIALS,
            "https://svc_" + chars(r, LOWER, 5) + ":" + pw + "@partner.example.net/v2/sync", pw);
      }),
      withContext("password=value", SecretScanner.SECRET_VALUE, "password=", FakeSecrets::password),
      withContext("x-api-key header", SecretScanner.SECRET_VALUE, "X-API-Key: ", r -> mixed(r, HEX, 32)),
      withContext("client_secret=value", SecretScanner.SECRET_VALUE, "client_secret=", FakeSecrets::password),
      new Variant("aws-secret-access-key beside its key id", AwsKeys.SECRET_ACCESS_KEY, r -> {
        String secret = mixed(r, B64, 40);
        return new Planted("aws-secret-access-key beside its key id", AwsKeys.SECRET_ACCESS_KEY,
            "id " + "AK" + "IA" + chars(r, BASE32, 16) + " key " + secret, secret);
      }),
      withContext("passphrase after a key of two words", SecretScanner.SECRET_VALUE, "db password: ", FakeSecrets::passphrase),
      new Variant("private-key", SecretScanner.PRIVATE_KEY, r -> {
        String block = privateKeyBlock(r, r.nextBoolean() ? "RSA PRIVATE" : "OPENSSH PRIVATE");
        return new Planted("private-key", SecretScanner.PRIVATE_KEY, block, block.substring(40, block.length() - 40));
      }));

  public static String escapeJson(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
  }
}
