package io.logwarden.cli;

import io.logwarden.access.AccessMatrix;
import io.logwarden.access.AclPlanner;
import io.logwarden.cluster.ProvisioningException;
import io.logwarden.config.ConnectionSettingsInspector;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.NotifyConfigLoader;
import io.logwarden.evidence.AccessControl;
import io.logwarden.evidence.Control;
import io.logwarden.evidence.EvidenceCollector;
import io.logwarden.evidence.EvidencePeriod;
import io.logwarden.evidence.EvidenceReport;
import io.logwarden.evidence.HtmlRenderer;
import io.logwarden.evidence.MarkdownRenderer;
import io.logwarden.evidence.UnevidencedControls;
import io.logwarden.evidence.Verdict;
import io.logwarden.policy.DurationSyntax;
import io.logwarden.policy.Policy;
import io.logwarden.topics.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code logwarden evidence}: ISO 27001 audit evidence of the policy's controls, from a cluster. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    header = "Writes ISO 27001 audit evidence (Annex A 8.15, 8.16, 8.17) of the policy's controls on a cluster.",
    description = "Maps the policy's controls to evidence from the cluster: the policy's identity and review, each "
        + "store's retention against its topic, topic drift, redactions per rule, dead letters per reason, clock skew "
        + "per host and alerts per rule over the period, whether the pipeline's connections are encrypted and "
        + "authenticated (with --config: its kafka:, schema_registry: and notify: sections; broker listeners where the "
        + "principal may describe them), whether alerts notify the team (with --config: its notify: "
        + "section, and notifications parked in the DLQ), and the controls a Kafka client cannot see. Each control has a "
        + "verdict (MET, FINDING, NOT_EVIDENCED, INFO). Writes DIR/evidence.md and DIR/evidence.html (one page, no "
        + "script, printable). Reads only, committed records only; the report holds counts, rule ids, topic and store "
        + "names, hosts and reasons, never an event's content. The same --as-of over the same data gives the same files.",
    footer = {"", "Examples:", "  ./logwarden evidence --bootstrap-server kafka:9092 --out evidence",
        "  ./logwarden evidence --bootstrap-server kafka:9093 \\",
        "      --command-config client.properties --out evidence \\", "      --as-of 2026-11-28 --period 90d"})
final class EvidenceCommand implements Callable<Integer> {

  static final String MARKDOWN = "evidence.md";
  static final String HTML = "evidence.html";

  @Mixin
  ClusterOptions cluster;

  @Mixin
  PolicyOption policyOption;

  @Mixin
  RegistryOption registryOption;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory to write evidence.md and evidence.html to (created if missing).")
  Path outDir;

  @Option(names = "--as-of", paramLabel = "DATE|INSTANT",
      description = "The moment the report speaks for: a date (2026-11-28: the end of that day, UTC) or an instant "
          + "(2026-11-28T12:00:00Z). Default: now.")
  String asOf;

  @Option(names = "--period", paramLabel = "DURATION", defaultValue = EvidencePeriod.DEFAULT_LENGTH,
      description = "How far back from --as-of the figures reach, in the policy's syntax (30d, 12w, 1y). "
          + "Default: ${DEFAULT-VALUE}.")
  String period;

  @Option(names = "--application-id", defaultValue = LogwardenConfig.DEFAULT_APPLICATION_ID, paramLabel = "ID",
      description = "The deployment's application_id, for the pipeline's grants in the access matrix (default: "
          + "${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
      description = "Longest time to read the period's records before giving up (no partial report). "
          + "Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Spec
  CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    EvidencePeriod window;
    Duration readTimeout;
    try {
      window = EvidencePeriod.parse(asOf, period, clock);
      readTimeout = DurationSyntax.parsePositive(timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Policy policy = policyOption.load();
    EvidenceCollector collector = new EvidenceCollector(policy, window, readTimeout, registryOption.topics(policy));
    // --config's notify: section evidences that alerts notify the team (its secrets are not read);
    // without it that control is NOT_EVIDENCED.
    if (registryOption.config != null) {
      collector.withNotifications(NotifyConfigLoader.inspect(registryOption.config), policyOption.rules(policy));
      // Its kafka:, schema_registry: and notify: sections evidence encryption in transit (nothing resolved or read).
      collector.withConnections(ConnectionSettingsInspector.inspect(registryOption.config));
    }
    Map<String, Object> client = cluster.connectedClientProperties();
    List<Control> controls = new ArrayList<>();
    try (Admin admin = Admin.create(client); TopicReader reader = new TopicReader(client)) {
      controls.addAll(collector.collect(admin, reader));
      controls.add(accessControl(policy, admin));
      controls.add(collector.transitControl(admin, client));
      controls.add(collector.notificationControl());
    } catch (TimeoutException e) {
      spec.commandLine().getErr().println("logwarden: " + e.getMessage() + "; no report written (try a longer --timeout)");
      return 1;
    }
    controls.addAll(UnevidencedControls.all());
    EvidenceReport report = EvidenceReport.of(policy.info(),
        policyOption.file == null ? null : policyOption.file.toString(), cluster.bootstrapServer, window, controls);
    Files.createDirectories(outDir);
    Path markdown = outDir.resolve(MARKDOWN);
    Path html = outDir.resolve(HTML);
    Files.writeString(markdown, MarkdownRenderer.render(report), StandardCharsets.UTF_8);
    Files.writeString(html, HtmlRenderer.render(report), StandardCharsets.UTF_8);
    StringJoiner counts = new StringJoiner(", ");
    report.verdictCounts().forEach((verdict, count) -> counts.add(count + " " + verdict.name()));
    // picocli's out (standard output unless the caller set another), so an embedding program can capture it.
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote " + markdown + " and " + html + ": " + controls.size() + " controls (" + counts + "), "
        + report.openFindings().size() + " open finding(s), as of " + window.asOf() + ".");
    report.openFindings().forEach(finding -> out.println("  " + Verdict.FINDING.name() + " "
        + finding.control().id() + ": " + finding.text()));
    return 0;
  }

  // The access matrix against the cluster's ACLs, like `acls plan`; reading ACLs needs DESCRIBE on the cluster.
  private Control accessControl(Policy policy, Admin admin) {
    if (!policy.access().declared()) {
      return AccessControl.undeclared();
    }
    AccessMatrix matrix = new AccessMatrix(policy, policyOption.rules(policy), applicationId);
    try {
      return AccessControl.of(matrix, new AclPlanner(admin).plan(matrix));
    } catch (ProvisioningException e) {
      if (e.getCause() instanceof ClusterAuthorizationException) {
        return AccessControl.notVisible("not authorized to describe ACLs");
      }
      throw e;
    }
  }
}
