package io.logwarden.redact.rules;

import com.google.re2j.Pattern;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.RedactionSettings;
import io.logwarden.policy.StrictYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Builds the {@link SecretRuleSet} the secret scan runs: the shipped rules (gitleaks' community rules
 * as vendored under {@value #VENDORED}, then logwarden's own in {@value #OWN}, where a rule with a
 * vendored id is a fix that replaces it), plus the policy's {@code secret_rules_file} and
 * {@code secret_allowlist}.
 *
 * <p>A user rule with the id of a shipped rule replaces it; {@code [extend] disabledRules} turns
 * shipped rules off; the user's global allowlists apply to every rule (or to their
 * {@code targetRules}), as do the shipped ones and the policy's {@code secret_allowlist}. Every
 * problem is a {@link PolicyException} naming the file and line, so a bad user file stops the start.
 */
public final class SecretRulesLoader {

  /** Classpath location of the vendored subset of gitleaks' default rules. */
  public static final String VENDORED = "/redact/gitleaks/gitleaks.toml";
  /** Classpath location of logwarden's own rules, for keys gitleaks lacks. */
  public static final String OWN = "/redact/logwarden-rules.toml";

  private static final Map<Key, SecretRuleSet> CACHE = new ConcurrentHashMap<>();

  private record Key(String sourceName, String text, List<String> allowlist) {}

  private SecretRulesLoader() {}

  /**
   * A shipped rule as the generated reference lists it.
   *
   * @param id the rule's id, the kind in {@code [REDACTED:<id>]}
   * @param origin {@code gitleaks} (the vendored set) or {@code logwarden} (logwarden-rules.toml)
   * @param keywords what must occur, ignoring case, for its expression to run
   */
  public record ShippedRule(String id, String origin, String description, List<String> keywords) {}

  /** The shipped rules, in order, for the generated reference. */
  public static List<ShippedRule> shippedRules() {
    return Shipped.RULES.stream().map(rule -> new ShippedRule(rule.id(),
        Shipped.OWN_IDS.contains(rule.id()) ? "logwarden" : "gitleaks", rule.description(), rule.keywords())).toList();
  }

  /** The shipped rules alone, built once. */
  public static SecretRuleSet shipped() {
    return Shipped.SET;
  }

  /**
   * The rules the redaction settings ask for; the same file text and allowlist give the same, shared
   * set.
   *
   * @throws PolicyException when the user's rule file cannot be read or holds a bad rule
   */
  public static SecretRuleSet forSettings(RedactionSettings settings) {
    Path file = settings.secretRulesFile();
    if (file == null && settings.secretAllowlist().isEmpty()) {
      return shipped();
    }
    String name = file == null ? "" : StrictYaml.sourceName(file);
    String text = file == null ? null : StrictYaml.read(file, name);
    Key key = new Key(name, text, settings.secretAllowlist());
    SecretRuleSet cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    RuleFile user = text == null ? null : RuleFileReader.read(text, name, true);
    SecretRuleSet built = build(user, settings.secretAllowlist());
    if (CACHE.size() > 64) {
      CACHE.clear();
    }
    CACHE.put(key, built);
    return built;
  }

  /**
   * The shipped rules with one user file's and an allowlist's, e.g. for a test.
   *
   * @param name the file's name in messages
   * @throws PolicyException when the text holds a bad rule
   */
  public static SecretRuleSet withUserRules(String text, String name, List<String> allowlist) {
    return build(RuleFileReader.read(text, name, true), allowlist);
  }

  private static SecretRuleSet build(RuleFile user, List<String> allowlist) {
    Map<String, SecretRule> rules = new LinkedHashMap<>();
    Shipped.RULES.forEach(rule -> rules.put(rule.id(), rule));
    List<RuleAllowlist> global = new ArrayList<>(Shipped.GLOBAL);
    if (user != null) {
      for (RuleFile.Reference disabled : user.disabledRules()) {
        if (rules.remove(disabled.id()) == null) {
          throw new PolicyException(user.sourceName(), disabled.line(), disabled.path(),
              "'" + disabled.id() + "' is no shipped rule (see docs/redaction.md for their ids)");
        }
      }
      for (SecretRule rule : user.rules()) {
        rules.put(rule.id(), rule);
      }
      for (RuleFile.Targeted targeted : user.allowlists()) {
        if (targeted.targetRules().isEmpty()) {
          global.add(targeted.allowlist());
          continue;
        }
        for (RuleFile.Reference target : targeted.targetRules()) {
          SecretRule rule = rules.get(target.id());
          if (rule == null) {
            throw new PolicyException(user.sourceName(), target.line(), target.path(),
                "'" + target.id() + "' is no rule of this file nor a shipped rule");
          }
          rules.put(rule.id(), rule.withAllowlists(List.of(targeted.allowlist())));
        }
      }
    }
    if (!allowlist.isEmpty()) {
      List<Pattern> patterns = new ArrayList<>();
      for (String expression : allowlist) {
        patterns.add(Pattern.compile(expression)); // the policy loader has checked that each compiles
      }
      global.add(RuleAllowlist.ofSecretRegexes(patterns));
    }
    return new SecretRuleSet(new ArrayList<>(rules.values()), global);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The shipped rules, read once, on first use; rules for files of some path are left out. */
  private static final class Shipped {
    static final List<SecretRule> RULES;
    static final List<RuleAllowlist> GLOBAL;
    static final SecretRuleSet SET;
    static final Set<String> OWN_IDS;

    static {
      RuleFile vendored = RuleFileReader.read(StrictYaml.resource(VENDORED, "secret rules"), "gitleaks.toml (vendored)",
          false);
      RuleFile own = RuleFileReader.read(StrictYaml.resource(OWN, "secret rules"), "logwarden-rules.toml (shipped)", false);
      // logwarden's own rules come after the vendored ones; one with a vendored id replaces it (a fix).
      Map<String, SecretRule> byId = new LinkedHashMap<>();
      for (SecretRule rule : concat(vendored.rules(), own.rules())) {
        byId.put(rule.id(), rule);
      }
      List<SecretRule> rules = byId.values().stream().filter(rule -> !rule.fileScoped()).toList();
      List<RuleAllowlist> global = new ArrayList<>();
      for (RuleFile file : List.of(vendored, own)) {
        for (RuleFile.Targeted targeted : file.allowlists()) {
          if (!targeted.targetRules().isEmpty()) {
            throw new IllegalStateException("a shipped rule file targets an allowlist; merge it into the rule");
          }
          global.add(targeted.allowlist());
        }
      }
      OWN_IDS = own.rules().stream().map(SecretRule::id).collect(Collectors.toUnmodifiableSet());
      RULES = List.copyOf(rules);
      GLOBAL = List.copyOf(global);
      SET = new SecretRuleSet(RULES, GLOBAL);
    }
  }
}
