package io.logwarden.redact.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a gitleaks-format rule file that decide whether a text holds a finding: per rule its
 * id, regex, secret group, entropy threshold, keywords and allowlists, and the file's global
 * allowlist. {@link Rule#find} accepts a finding as gitleaks does, for a text that has no path.
 */
public final class ScanRuleFile {

  /** An allowlist of a rule or of the file; a path condition never holds, for a log has no path. */
  public record Allowlist(boolean and, String target, List<Pattern> regexes, List<String> stopwords, boolean paths) {

    boolean allows(String secret, String match, String line) {
      String text = switch (target) {
        case "match" -> match;
        case "line" -> line;
        default -> secret;
      };
      boolean regex = regexes.stream().anyMatch(p -> p.matcher(text).find());
      String lower = secret.toLowerCase(Locale.ROOT);
      boolean stopword = stopwords.stream().anyMatch(lower::contains);
      if (and) {
        return !paths && (regexes.isEmpty() || regex) && (stopwords.isEmpty() || stopword)
            && !(regexes.isEmpty() && stopwords.isEmpty());
      }
      return regex || stopword;
    }
  }

  /** What gitleaks would report for a text: the whole match and the secret (group {@code group}), with their offsets. */
  public record Finding(int matchStart, int matchEnd, int group, int secretStart, int secretEnd, String match, String secret) {}

  /** One rule. {@code path} is the file-path condition gitleaks scopes the rule to, or null. */
  public record Rule(String id, String regex, Pattern pattern, int secretGroup, double entropy, List<String> keywords,
      List<Allowlist> allowlists, String path, ScanRuleFile file) {

    /** The rule's family: the first dash-separated word of its id. */
    public String family() {
      int dash = id.indexOf('-');
      return dash < 0 ? id : id.substring(0, dash);
    }

    /** The first finding in {@code text} that passes the keyword, entropy and allowlist checks. */
    public Optional<Finding> find(String text) {
      return find(text, text.toLowerCase(Locale.ROOT));
    }

    Optional<Finding> find(String text, String lower) {
      if (!keywords.isEmpty() && keywords.stream().noneMatch(lower::contains)) {
        return Optional.empty();
      }
      Matcher m = pattern.matcher(text);
      int from = 0;
      while (from <= text.length() && m.find(from)) {
        Optional<Finding> finding = accept(m, text);
        if (finding.isPresent()) {
          return finding;
        }
        from = m.end() > m.start() ? m.end() : m.end() + 1;
      }
      return Optional.empty();
    }

    private Optional<Finding> accept(Matcher m, String text) {
      int group = 0;
      if (secretGroup > 0) {
        group = secretGroup;
      } else {
        for (int g = 1; g <= m.groupCount(); g++) {
          if (m.group(g) != null && !m.group(g).isEmpty()) {
            group = g;
            break;
          }
        }
      }
      String secret = m.group(group);
      if (secret == null) {
        return Optional.empty();
      }
      if (entropy > 0 && shannonEntropy(secret) <= entropy) {
        return Optional.empty();
      }
      String match = m.group();
      for (Allowlist allowlist : allowlists) {
        if (allowlist.allows(secret, match, text)) {
          return Optional.empty();
        }
      }
      for (Allowlist allowlist : file.global) {
        if (allowlist.allows(secret, match, text)) {
          return Optional.empty();
        }
      }
      return Optional.of(new Finding(m.start(), m.end(), group, m.start(group), m.end(group), match, secret));
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final List<Allowlist> global = new ArrayList<>();

  private ScanRuleFile() {}

  /** The rules of a classpath resource, or empty when there is no such resource. */
  public static Optional<ScanRuleFile> load(String resource) {
    try (InputStream in = ScanRuleFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(parse(new TomlMapper().readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** The ids of the rules that find something in {@code text}. */
  public List<String> findingRules(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> ids = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.find(text, lower).isPresent()) {
        ids.add(rule.id());
      }
    }
    return ids;
  }

  private static ScanRuleFile parse(JsonNode root) {
    ScanRuleFile file = new ScanRuleFile();
    for (String name : List.of("allowlist", "allowlists")) {
      JsonNode node = root.path(name);
      if (node.isArray()) {
        node.forEach(a -> file.global.add(allowlist(a)));
      } else if (node.isObject()) {
        file.global.add(allowlist(node));
      }
    }
    for (JsonNode r : root.path("rules")) {
      if (!r.hasNonNull("regex")) {
        continue; // a path-only rule finds nothing in a text
      }
      List<Allowlist> allowlists = new ArrayList<>();
      r.path("allowlists").forEach(a -> allowlists.add(allowlist(a)));
      if (r.path("allowlist").isObject()) {
        allowlists.add(allowlist(r.path("allowlist")));
      }
      String regex = r.get("regex").asText();
      file.rules.add(new Rule(r.path("id").asText(), regex, Pattern.compile(regex), r.path("secretGroup").asInt(0),
          r.path("entropy").asDouble(0), strings(r.path("keywords"), true), List.copyOf(allowlists),
          r.hasNonNull("path") ? r.get("path").asText() : null, file));
    }
    return file;
  }

  private static Allowlist allowlist(JsonNode a) {
    List<Pattern> regexes = new ArrayList<>();
    for (String regex : strings(a.path("regexes"), false)) {
      regexes.add(Pattern.compile(regex));
    }
    return new Allowlist("AND".equalsIgnoreCase(a.path("condition").asText("OR")), a.path("regexTarget").asText("secret"),
        List.copyOf(regexes), strings(a.path("stopwords"), true), a.path("paths").size() > 0);
  }

  private static List<String> strings(JsonNode array, boolean lowerCase) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(lowerCase ? n.asText().toLowerCase(Locale.ROOT) : n.asText()));
    return List.copyOf(result);
  }

  /** Shannon entropy in bits per character, as gitleaks computes it for its threshold. */
  public static double shannonEntropy(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    Map<Character, Integer> counts = new HashMap<>();
    for (char c : text.toCharArray()) {
      counts.merge(c, 1, Integer::sum);
    }
    double entropy = 0;
    for (int count : counts.values()) {
      double p = (double) count / text.length();
      entropy -= p * (Math.log(p) / Math.log(2));
    }
    return entropy;
  }
}
