package io.logwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart ({@code helm/logwarden}): {@code lint --strict}, {@code template} with the default
 * values and two scenarios, assertions on the rendered manifests, and the values schema refusing
 * typos and wrong types. Helm runs in this JVM (helm-java).
 */
class HelmChartTest {

  private static final Path CHART = Path.of("..", "helm", "logwarden").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> render(UnaryOperator<TemplateCommand> options) throws IOException {
    String manifests = options.apply(new Helm(CHART).template().withName("lw").withNamespace("logs").withKubeVersion("1.30.0")).call();
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(manifests)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static JsonNode only(List<JsonNode> documents, String kind, String name) {
    List<JsonNode> found = documents.stream().filter(d -> d.path("kind").asText().equals(kind)
        && d.path("metadata").path("name").asText().equals(name)).toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void lintStrictPasses() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderBothWorkloadsWithProbesStateAndARestrictedSecurityContext() throws IOException {
    List<JsonNode> documents = render(command -> command);
    assertThat(documents).extracting(d -> d.path("kind").asText()).containsExactlyInAnyOrder(
        "ServiceAccount", "ConfigMap", "Service", "Service", "Deployment", "StatefulSet",
        "PodDisruptionBudget", "PodDisruptionBudget");

    JsonNode normalize = only(documents, "Deployment", "lw-logwarden-normalize");
    JsonNode detect = only(documents, "StatefulSet", "lw-logwarden-detect");
    for (JsonNode workload : List.of(normalize, detect)) {
      String component = workload.path("kind").asText().equals("Deployment") ? "normalize" : "detect";
      JsonNode pod = workload.path("spec").path("template");
      assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo(component);
      assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo("logwarden");
      assertThat(pod.path("metadata").path("annotations").path("checksum/config").asText()).hasSize(64);
      JsonNode podSecurity = pod.path("spec").path("securityContext");
      assertThat(podSecurity.path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(podSecurity.path("runAsUser").asInt()).isPositive();
      assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
      JsonNode container = pod.path("spec").path("containers").get(0);
      assertThat(texts(container.path("args"))).containsSubsequence("run", "--config",
          "/etc/logwarden/config/logwarden.yaml", "--topology", component, "--no-create-topics");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
      JsonNode security = container.path("securityContext");
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
      assertThat(container.path("env").findValuesAsText("name")).contains("JAVA_TOOL_OPTIONS");
      assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
      assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
          .contains("/etc/logwarden/config", "/etc/logwarden/key", "/tmp", "/var/lib/logwarden");
      assertThat(pod.path("spec").path("volumes").findValuesAsText("secretName")).contains("logwarden-pseudonym-key");
    }

    JsonNode detectSpec = detect.path("spec");
    assertThat(detectSpec.path("podManagementPolicy").asText()).isEqualTo("Parallel");
    assertThat(detectSpec.path("template").path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
    assertThat(detectSpec.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText()).isEqualTo("state");
    assertThat(detectSpec.path("volumeClaimTemplates").get(0).path("spec").path("resources").path("requests")
        .path("storage").asText()).isEqualTo("10Gi");
    JsonNode instanceId = detectSpec.path("template").path("spec").path("containers").get(0).path("env").get(1);
    assertThat(instanceId.path("name").asText()).isEqualTo("LOGWARDEN_GROUP_INSTANCE_ID");
    assertThat(instanceId.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");

    JsonNode config = only(documents, "ConfigMap", "lw-logwarden");
    assertThat(config.path("data").path("logwarden.yaml").asText()).contains("bootstrap.servers: \"kafka:9092\"",
        "application_id: \"logwarden\"", "http_port: 8080", "pseudonym_key_file: /etc/logwarden/key/pseudonym.key");
    assertThat(config.path("data").path("policy.yaml").asText()).contains("Logging and Monitoring Policy");

    JsonNode pdb = only(documents, "PodDisruptionBudget", "lw-logwarden-detect");
    assertThat(pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/component").asText())
        .isEqualTo("detect");
  }

  /**
   * The provisioning ConfigMap and Job. helm-java's template leaves hooks out, so they are rendered
   * as plain resources ({@code provisioning.hook=false}); the hook annotations are checked apart.
   */
  private static List<JsonNode> hooks(String valuesFile) throws IOException {
    return render(command -> (valuesFile == null ? command : command.withValuesFile(CHART.resolve(valuesFile)))
        .set("provisioning.hook", false));
  }

  @Test
  void aHookJobProvisionsTheTopicsBeforeInstallAndUpgrade() throws IOException {
    List<JsonNode> documents = hooks(null);
    JsonNode job = only(documents, "Job", "lw-logwarden-provisioning");
    // As a hook (the default) it is left out of the release's manifests, and runs before install and upgrade.
    assertThat(render(command -> command)).noneMatch(d -> d.path("kind").asText().equals("Job"));
    String source = Files.readString(CHART.resolve("templates/provisioning.yaml"));
    assertThat(source).contains("helm.sh/hook: pre-install,pre-upgrade", "helm.sh/hook-weight: \"-10\"",
        "helm.sh/hook-weight: \"0\"");
    assertThat(texts(job.path("spec").path("template").path("spec").path("containers").get(0).path("args")))
        .containsSubsequence("topics", "apply", "--bootstrap-server", "kafka:9092");
    JsonNode hookConfig = only(documents, "ConfigMap", "lw-logwarden-provisioning");
    assertThat(hookConfig.path("data").path("policy.yaml").asText()).contains("Logging and Monitoring Policy");
    assertThat(job.path("spec").path("template").path("spec").path("containers").get(0).path("securityContext")
        .path("readOnlyRootFilesystem").asBoolean()).isTrue();

  }

  @Test
  void saslScenarioPassesTheClientSecretAndProvisionsAcls() throws IOException {
    List<JsonNode> documents = render(command -> command.withValuesFile(CHART.resolve("ci/sasl-values.yaml")));
    JsonNode detect = only(documents, "StatefulSet", "lw-logwarden-detect");
    JsonNode container = detect.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(texts(container.path("args"))).containsSubsequence("--command-config", "/etc/logwarden/kafka/client.properties");
    assertThat(detect.path("spec").path("template").path("spec").path("volumes").findValuesAsText("secretName"))
        .contains("logwarden-kafka-client");
    assertThat(detect.path("spec").path("volumeClaimTemplates").get(0).path("spec").path("storageClassName").asText())
        .isEqualTo("fast-ssd");
    assertThat(only(documents, "ServiceMonitor", "lw-logwarden").path("spec").path("endpoints").get(0)
        .path("path").asText()).isEqualTo("/metrics");
    JsonNode job = only(hooks("ci/sasl-values.yaml"), "Job", "lw-logwarden-provisioning").path("spec").path("template")
        .path("spec");
    assertThat(texts(job.path("initContainers").get(0).path("args"))).startsWith("topics", "apply");
    assertThat(texts(job.path("containers").get(0).path("args"))).startsWith("acls", "apply")
        .containsSubsequence("--application-id", "logwarden-prod");
    assertThat(only(documents, "ConfigMap", "lw-logwarden").path("data").path("logwarden.yaml").asText())
        .contains("security.protocol: \"SASL_SSL\"").doesNotContain("password");
  }

  @Test
  void aCustomPolicyReplacesTheShippedOneAndRollsThePods() throws IOException {
    List<JsonNode> defaults = render(command -> command);
    List<JsonNode> custom = render(command -> command.withValuesFile(CHART.resolve("ci/custom-policy-values.yaml")));
    assertThat(only(custom, "ConfigMap", "lw-logwarden").path("data").path("policy.yaml").asText())
        .contains("Custom logging policy").doesNotContain("botBrains");
    assertThat(hooks("ci/custom-policy-values.yaml")).noneMatch(d -> d.path("kind").asText().equals("Job"));
    String checksumPath = "/spec/template/metadata/annotations/checksum~1config";
    assertThat(only(custom, "Deployment", "lw-logwarden-normalize").at(checksumPath).asText())
        .isNotEqualTo(only(defaults, "Deployment", "lw-logwarden-normalize").at(checksumPath).asText());
  }

  @Test
  void theValuesSchemaRefusesTyposAndWrongTypes() {
    assertThatThrownBy(() -> render(command -> command.set("normalise.replicas", 3)))
        .hasMessageContaining("normalise");
    assertThatThrownBy(() -> render(command -> command.set("detect.storage.sise", "1Gi")))
        .hasMessageContaining("sise");
    assertThatThrownBy(() -> render(command -> command.set("httpPort", "eighty")))
        .hasMessageContaining("httpPort");
    assertThatThrownBy(() -> render(command -> command.set("kafka.processingGuarantee", "exactly_once")))
        .hasMessageContaining("processingGuarantee");
  }

  @Test
  void theChartShipsTheApplicationsDefaultPolicyAndRules() throws IOException {
    for (String file : List.of("policy.yaml", "rules.yaml")) {
      assertThat(Files.readString(CHART.resolve("files").resolve(file)))
          .as("helm/logwarden/files/%s differs from the application's; copy it: cp pipeline/src/main/resources/policy/%s "
              + "helm/logwarden/files/", file, file)
          .isEqualTo(Files.readString(Path.of("src/main/resources/policy").resolve(file)));
    }
  }
}
