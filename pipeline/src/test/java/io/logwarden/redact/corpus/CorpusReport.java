package io.logwarden.redact.corpus;

import io.logwarden.redact.Leaks;
import io.logwarden.redact.corpus.BenignLines.Line;
import io.logwarden.redact.corpus.NormalizeAndRedact.Output;
import io.logwarden.redact.corpus.SecretContexts.Context;
import io.logwarden.redact.corpus.SecretPositives.Positive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Tallies of the corpus run, recall by family, rule and context and false positives by kind of
 * look-alike, with the first failures of each, and their rendering as a summary and as Markdown. A
 * secret in a failure is shown only as its length and first four characters.
 */
final class CorpusReport {

  private static final int EXAMPLES = 3;
  private static final int SHOWN = 240;
  private static final String MARKER = "[REDACTED:";

  /** Counts of one group: how many were planted (or lines read), and how many went wrong. */
  static final class Tally {
    int total;
    int failed;
    final List<String> examples = new ArrayList<>();

    double rate() {
      return total == 0 ? 0 : (double) failed / total;
    }

    void add(boolean failure, String example) {
      total++;
      if (failure) {
        failed++;
        if (examples.size() < EXAMPLES) {
          examples.add(example);
        }
      }
    }
  }

  final Tally positives = new Tally();
  final Tally negatives = new Tally();
  final Map<String, Tally> byFamily = new TreeMap<>();
  final Map<String, String> familyOrigin = new TreeMap<>();
  final Map<String, Tally> byRule = new TreeMap<>();
  final Map<String, Tally> byContext = new LinkedHashMap<>();
  final Map<String, Tally> byFamilyAndContext = new TreeMap<>();
  final Map<String, Tally> byNegativeKind = new LinkedHashMap<>();
  /** Per context, the rule-derived values that their own rule does not find in any field of the unredacted event. */
  final Map<String, Tally> ruleBlind = new LinkedHashMap<>();
  /** Per kind of benign line, the lines (raw) in which some vendored rule finds something, and which rules. */
  final Map<String, Tally> ruleHits = new LinkedHashMap<>();
  final Map<String, Map<String, Integer>> ruleHitIds = new LinkedHashMap<>();
  int rejectedPositives;
  int rejectedNegatives;
  long millis;

  void positive(Positive positive, Context context, Output output, Collection<String> forms, Collection<String> shown) {
    List<String> leaks = new ArrayList<>();
    for (EventFields.Field field : output.fields()) {
      String masked = Leaks.survivor(forms, field.text()).isPresent() ? masked(field.text(), shown, positive.secret()) : null;
      if (masked != null) {
        leaks.add(field.path() + " = " + masked);
      }
    }
    boolean failed = !leaks.isEmpty();
    if (output.rejected()) {
      rejectedPositives++;
    }
    String example = failed ? "`" + positive.source() + "` in *" + context.name() + "* (" + output.format()
        + (output.rejected() ? ", rejected" : "") + "): " + String.join(" | ", leaks.subList(0, Math.min(2, leaks.size())))
        : null;
    positives.add(failed, example);
    byFamily.computeIfAbsent(positive.family(), f -> new Tally()).add(failed, example);
    familyOrigin.putIfAbsent(positive.family(), positive.origin());
    String rule = positive.origin() + " `" + positive.source() + "`" + (positive.rule() != null && positive.rule().path() != null
        ? " (path-scoped in gitleaks: " + positive.rule().path().replace("|", "\\|") + ")" : "");
    byRule.computeIfAbsent(rule, r -> new Tally()).add(failed, example);
    byContext.computeIfAbsent(context.name(), c -> new Tally()).add(failed, example);
    byFamilyAndContext.computeIfAbsent(positive.family() + " in " + context.name(), c -> new Tally()).add(failed, example);
    if (positive.rule() != null) {
      boolean seen = output.normalized().stream().anyMatch(f -> positive.rule().find(f.text()).isPresent()
          && Leaks.survivor(forms, f.text()).isPresent());
      ruleBlind.computeIfAbsent(context.name(), c -> new Tally()).add(!seen, "`" + positive.source() + "` (" + output.format() + ")");
    }
  }

  void negative(Line line, Output output, List<String> findingRules) {
    boolean failed = output.hasMarker();
    if (!findingRules.isEmpty()) {
      Tally hits = ruleHits.computeIfAbsent(line.kind(), k -> new Tally());
      hits.add(true, null);
      findingRules.forEach(id -> ruleHitIds.computeIfAbsent(line.kind(), k -> new TreeMap<>()).merge(id, 1, Integer::sum));
    }
    if (output.rejected()) {
      rejectedNegatives++;
    }
    String example = null;
    if (failed) {
      List<String> marked = output.fields().stream().filter(f -> f.text().contains(MARKER))
          .map(f -> f.path() + " = " + around(f.text(), f.text().indexOf(MARKER))).limit(2).collect(Collectors.toList());
      example = "`" + shorten(TextEncodings.oneLine(line.text()), SHOWN).replace("`", "'") + "` -> " + String.join(" | ", marked);
    }
    negatives.add(failed, example);
    byNegativeKind.computeIfAbsent(line.kind(), k -> new Tally()).add(failed, example);
  }

  double recall() {
    return 1 - positives.rate();
  }

  double falsePositiveRate() {
    return negatives.rate();
  }

  /** The failure classes with the most misses: family and context together. */
  List<Map.Entry<String, Tally>> topFailureClasses(int n) {
    return byFamilyAndContext.entrySet().stream().filter(e -> e.getValue().failed > 0)
        .sorted(Comparator.comparingInt((Map.Entry<String, Tally> e) -> -e.getValue().failed).thenComparing(Map.Entry::getKey))
        .limit(n).collect(Collectors.toList());
  }

  String headline() {
    return String.format(Locale.ROOT, "recall %.2f%% of %d planted secrets (%d missed); false positives %.3f%% of %d benign lines "
        + "(%d flagged); %d ms", 100 * recall(), positives.total, positives.failed, 100 * falsePositiveRate(), negatives.total,
        negatives.failed, millis);
  }

  /** A short summary for the console. */
  String summary() {
    StringBuilder sb = new StringBuilder("Generated secret corpus: ").append(headline()).append('\n');
    sb.append("Recall by context (and the share of rule-derived values their rule finds in the unredacted event):\n");
    byContext.forEach((name, t) -> sb.append(String.format(Locale.ROOT, "  %-36s %6.2f%% (%d/%d)  rule sees %6.2f%%%n", name,
        100 * (1 - t.rate()), t.total - t.failed, t.total, 100 * (1 - ruleBlind.getOrDefault(name, new Tally()).rate()))));
    sb.append("Families below 100% (worst first):\n");
    byFamily.entrySet().stream().filter(e -> e.getValue().failed > 0)
        .sorted(Comparator.comparingDouble((Map.Entry<String, Tally> e) -> -e.getValue().rate()).thenComparing(Map.Entry::getKey))
        .limit(30).forEach(e -> sb.append(String.format(Locale.ROOT, "  %-36s %6.2f%% (%d/%d)%n", e.getKey(),
            100 * (1 - e.getValue().rate()), e.getValue().total - e.getValue().failed, e.getValue().total)));
    sb.append("False positives by kind of benign line (and lines a vendored rule finds something in):\n");
    byNegativeKind.entrySet().stream().filter(e -> e.getValue().failed > 0 || ruleHits.containsKey(e.getKey()))
        .forEach(e -> sb.append(String.format(Locale.ROOT, "  %-36s %d of %d  rule hits %d%n", e.getKey(), e.getValue().failed,
            e.getValue().total, ruleHits.getOrDefault(e.getKey(), new Tally()).total)));
    return sb.toString();
  }

  String markdown(String targets) {
    StringBuilder md = new StringBuilder("# Generated secret corpus\n\n");
    md.append(headline()).append(".\n\n").append(targets).append("\n\n");
    md.append("Positives that ended in a dead letter: ").append(rejectedPositives).append("; benign lines that did: ")
        .append(rejectedNegatives).append(".\n\n");

    md.append("## Recall by context\n\n\"Rule sees\" is the share of the rule-derived values that their own rule finds, "
        + "as it stands, in some field of the normalized event before redaction: what a rule pass over each field could "
        + "catch without decoding or joining fields.\n\n"
        + "| context | planted | caught | recall | rule sees | first misses |\n|---|---:|---:|---:|---:|---|\n");
    byContext.forEach((name, t) -> {
      Tally blind = ruleBlind.getOrDefault(name, new Tally());
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f%% | %.2f%% | %s |%n", name, t.total, t.total - t.failed,
          100 * (1 - t.rate()), 100 * (1 - blind.rate()), examples(t)));
    });

    md.append("\n## Values their own rule does not find in the unredacted event, by context\n\n");
    ruleBlind.forEach((name, t) -> {
      if (t.failed > 0) {
        md.append("- *").append(name).append("*: ").append(t.failed).append(" of ").append(t.total).append(", first: ")
            .append(String.join(", ", t.examples)).append('\n');
      }
    });

    md.append("\n## Top failure classes (family in context)\n\n| class | planted | missed |\n|---|---:|---:|\n");
    topFailureClasses(40).forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().total).append(" | ")
        .append(e.getValue().failed).append(" |\n"));

    md.append("\n## Recall by family\n\n| family | origin | planted | caught | recall | missed in |\n|---|---|---:|---:|---:|---|\n");
    byFamily.forEach((family, t) -> {
      String contexts = byContext.keySet().stream()
          .filter(c -> byFamilyAndContext.getOrDefault(family + " in " + c, new Tally()).failed > 0)
          .map(c -> c + " (" + byFamilyAndContext.get(family + " in " + c).failed + ")").collect(Collectors.joining(", "));
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f%% | %s |%n", family, familyOrigin.get(family), t.total,
          t.total - t.failed, 100 * (1 - t.rate()), contexts));
    });

    md.append("\n## First misses by family\n\n");
    byFamily.forEach((family, t) -> {
      if (!t.examples.isEmpty()) {
        md.append("- **").append(family).append("**\n");
        t.examples.forEach(x -> md.append("  - ").append(x).append('\n'));
      }
    });

    md.append("\n## Recall by rule\n\n| rule | planted | caught |\n|---|---:|---:|\n");
    byRule.forEach((rule, t) -> md.append("| ").append(rule).append(" | ").append(t.total).append(" | ").append(t.total - t.failed)
        .append(" |\n"));

    md.append("\n## False positives by kind of benign line\n\n\"Rule hits\" counts the raw lines in which some vendored "
        + "gitleaks rule, applied as it stands, finds something: what a rule pass would add.\n\n"
        + "| kind | lines | flagged | rate | rule hits | first flagged |\n|---|---:|---:|---:|---|---|\n");
    byNegativeKind.forEach((kind, t) -> {
      Map<String, Integer> ids = ruleHitIds.getOrDefault(kind, Map.of());
      String hits = ruleHits.containsKey(kind) ? ruleHits.get(kind).total + " (" + ids.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")" : "0";
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f%% | %s | %s |%n", kind, t.total, t.failed, 100 * t.rate(), hits,
          examples(t)));
    });
    return md.toString();
  }

  private static String examples(Tally t) {
    return t.examples.stream().map(x -> x.replace("|", "\\|")).collect(Collectors.joining("<br>"));
  }

  /**
   * The text with every surviving piece of the secret (in any form) replaced by the secret's length
   * and first four characters, cut to the part around the first survivor; null when none survives.
   */
  static String masked(String text, Collection<String> forms, String secret) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    boolean[] covered = new boolean[text.length()];
    boolean any = false;
    for (String form : forms) {
      if (form.isEmpty()) {
        continue;
      }
      for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        any = true;
        for (int i = at; i < at + form.length(); i++) {
          covered[i] = true;
        }
      }
    }
    if (!any) {
      return null;
    }
    String label = "<secret: " + secret.length() + " chars, starts " + TextEncodings.oneLine(secret.substring(0,
        Math.min(4, secret.length()))) + ">";
    StringBuilder sb = new StringBuilder();
    int first = -1;
    for (int i = 0; i < text.length(); i++) {
      if (covered[i]) {
        if (i == 0 || !covered[i - 1]) {
          if (first < 0) {
            first = sb.length();
          }
          sb.append(label);
        }
      } else {
        sb.append(text.charAt(i));
      }
    }
    return around(sb.toString(), first);
  }

  private static String around(String text, int at) {
    String flat = TextEncodings.oneLine(text).replace("`", "'");
    int start = Math.max(0, Math.min(at, flat.length()) - SHOWN / 2);
    int end = Math.min(flat.length(), start + SHOWN);
    return (start > 0 ? "…" : "") + flat.substring(start, end) + (end < flat.length() ? "…" : "");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
