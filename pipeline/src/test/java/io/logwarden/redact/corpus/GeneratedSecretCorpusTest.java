package io.logwarden.redact.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.logwarden.redact.corpus.BenignLines.Line;
import io.logwarden.redact.corpus.CorpusReport.Tally;
import io.logwarden.redact.corpus.SecretContexts.Context;
import io.logwarden.redact.corpus.SecretPositives.Positive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Recall and false-positive rate of normalize + redact over a generated corpus. Positives: values
 * generated from every rule of the vendored gitleaks rule set (and of logwarden's own rule file, when
 * it is on the classpath), each a finding of its rule, plus the fast path's kinds; each planted in
 * thirteen contexts as a whole raw record. A secret is missed when a piece of it survives anywhere in
 * the redacted event ({@link io.logwarden.redact.Leaks}). Negatives: generated benign look-alike
 * lines and the OpenSSH dataset; one is a false positive when its event holds any redaction marker.
 *
 * <p>The figures are in the test names, on the console (and so in the test report's output) and, by
 * family, rule, context and kind of benign line with the first failures of each, in
 * {@code target/secret-corpus-report.md}.
 * With {@code -Dsecret.corpus.report-only=true} the targets are reported, not asserted.
 */
class GeneratedSecretCorpusTest {

  static final String GITLEAKS = "redact/gitleaks/gitleaks.toml";
  static final String LOGWARDEN = "redact/logwarden-rules.toml";
  static final String REPORT_ONLY = "secret.corpus.report-only";
  static final double RECALL_TARGET = 0.99;
  static final double FALSE_POSITIVE_TARGET = 0.005;

  private static final long SEED = 20_260_722L;
  private static final int PER_RULE = 3;
  private static final int PER_FAST_PATH_VARIANT = 2;
  private static final int BENIGN_LINES = 10_000;
  private static final String OPENSSH = "datasets/loghub-openssh/OpenSSH_2k.log";

  @TestFactory
  Stream<DynamicNode> recallAndFalsePositives() throws IOException {
    long started = System.nanoTime();
    NormalizeAndRedact pipeline = new NormalizeAndRedact();
    CorpusReport report = new CorpusReport();

    // The rules the product runs: the vendored ones but those gitleaks scopes to a file path (a log line
    // has none) and those logwarden's own file replaces, then logwarden's own.
    ScanRuleFile gitleaks = ScanRuleFile.load(GITLEAKS).orElseThrow();
    ScanRuleFile own = ScanRuleFile.load(LOGWARDEN).orElseThrow();
    Set<String> replaced = own.rules().stream().map(ScanRuleFile.Rule::id).collect(java.util.stream.Collectors.toSet());
    List<Positive> positives = new ArrayList<>(SecretPositives.fromRules("gitleaks", gitleaks,
        rule -> rule.path() == null && !replaced.contains(rule.id()), PER_RULE, SEED));
    positives.addAll(SecretPositives.fromRules("logwarden", own, rule -> true, PER_RULE, SEED));
    positives.addAll(SecretPositives.fromFakeSecrets(PER_FAST_PATH_VARIANT, SEED));
    for (int i = 0; i < positives.size(); i++) {
      Positive positive = positives.get(i);
      Set<String> forms = TextEncodings.inEveryForm(positive.pieces());
      Set<String> shown = new LinkedHashSet<>(TextEncodings.inEveryForm(List.of(positive.secret())));
      shown.addAll(forms);
      for (Context context : SecretContexts.ALL) {
        report.positive(positive, context, pipeline.run(context.record(positive.planted(), i)), forms, shown);
      }
    }

    List<Line> benign = new ArrayList<>(new BenignLines(wordKeywords(gitleaks)).lines(BENIGN_LINES, SEED));
    openSshLines().forEach(line -> benign.add(new Line("OpenSSH dataset", line)));
    for (Line line : benign) {
      report.negative(line, pipeline.run(line.text()), gitleaks.findingRules(line.text()));
    }
    report.millis = (System.nanoTime() - started) / 1_000_000;

    boolean reportOnly = Boolean.getBoolean(REPORT_ONLY);
    String targets = String.format(Locale.ROOT, "Targets: recall ≥ %.0f%%, false positives ≤ %.1f%% (%s).", 100 * RECALL_TARGET,
        100 * FALSE_POSITIVE_TARGET, reportOnly ? "reported only, -D" + REPORT_ONLY + "=true" : "asserted");
    writeReport(report.markdown(targets));
    System.out.print(report.summary());

    String recall = String.format(Locale.ROOT, "recall %.2f%% of %d planted secrets (target ≥ %.0f%%)", 100 * report.recall(),
        report.positives.total, 100 * RECALL_TARGET);
    String falsePositives = String.format(Locale.ROOT, "false positives %.3f%% of %d benign lines (target ≤ %.1f%%)",
        100 * report.falsePositiveRate(), report.negatives.total, 100 * FALSE_POSITIVE_TARGET);
    return Stream.of(
        dynamicTest(recall, () -> {
          if (!reportOnly) {
            assertThat(report.recall()).as("%s, %d missed; first: %s (all in target/secret-corpus-report.md)", recall,
                report.positives.failed, report.positives.examples).isGreaterThanOrEqualTo(RECALL_TARGET);
          }
        }),
        dynamicTest(falsePositives, () -> {
          if (!reportOnly) {
            assertThat(report.falsePositiveRate()).as("%s; first: %s", falsePositives, firstExamples(report.byNegativeKind))
                .isLessThanOrEqualTo(FALSE_POSITIVE_TARGET);
          }
        }));
  }

  private static String firstExamples(Map<String, Tally> tallies) {
    return tallies.values().stream().flatMap(t -> t.examples.stream()).limit(5).collect(Collectors.joining("; "));
  }

  /** The rules' keywords that are words, to write into benign lines without a secret. */
  private static List<String> wordKeywords(ScanRuleFile file) {
    Set<String> words = new TreeSet<>();
    file.rules().forEach(rule -> rule.keywords().stream().filter(k -> k.matches("[a-z]{4,}")).forEach(words::add));
    return List.copyOf(words);
  }

  private static List<String> openSshLines() throws IOException {
    try (InputStream in = GeneratedSecretCorpusTest.class.getClassLoader().getResourceAsStream(OPENSSH)) {
      if (in == null) {
        throw new IllegalStateException("missing " + OPENSSH);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().filter(l -> !l.isBlank())
          .collect(Collectors.toList());
    }
  }

  private static void writeReport(String markdown) {
    Path target = Path.of(System.getProperty("basedir", "."), "target");
    try {
      Files.createDirectories(target);
      Files.writeString(target.resolve("secret-corpus-report.md"), markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
