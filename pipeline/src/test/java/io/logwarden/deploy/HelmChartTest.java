package io.logwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart ({@code helm/logwarden}): {@code lint --strict}, {@code template} with the default
 * values and two scenarios, assertions on the rendered manifests, and the values schema refusing
 * typos and wrong types. Helm runs in this JVM (helm-java).
 */
class HelmChartTest {

  private static final Path CHART = Path.of("..", "helm", "logwarden").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> render(UnaryOperator<TemplateCommand> options) throws IOException {
    return render(CHART, options);
  }

  private static List<JsonNode> render(Path chart, UnaryOperator<TemplateCommand> options) throws IOException {
    String manifests = options.apply(new Helm(chart).template().withName("lw").withNamespace("logs").withKubeVersion("1.30.0")).call();
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
      assertThat(container.path("env").get(0).path("name").asText()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(container.path("env").get(0).path("value").asText()).isEqualTo("-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
      assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
      assertThat(podSecurity.path("fsGroupChangePolicy").asText()).isEqualTo("OnRootMismatch");
      assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
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

    // Normalize pods have random names: no static membership there.
    assertThat(normalize.at("/spec/template/spec/containers/0/env").findValuesAsText("name"))
        .doesNotContain("LOGWARDEN_GROUP_INSTANCE_ID");

    JsonNode config = only(documents, "ConfigMap", "lw-logwarden");
    assertThat(config.path("data").path("logwarden.yaml").asText()).contains("bootstrap.servers: \"kafka:9092\"",
        "application_id: \"logwarden\"", "http_port: 8080", "pseudonym_key_file: /etc/logwarden/key/pseudonym.key",
        "rocksdb_memory_mb: 128");
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
  void aHookJobProvisionsTheTopicsBeforeInstallAndUpgrade(@TempDir Path copy) throws IOException {
    // As a hook (the default) the job is left out of the release's manifests...
    assertThat(render(command -> command)).noneMatch(d -> d.path("kind").asText().equals("Job"));
    // ...and helm-java's template prints no hooks, so render a copy of the chart whose hook
    // annotations carry another name: Helm then treats them as plain annotations and shows them.
    copyChart(copy);
    Path template = copy.resolve("templates/provisioning.yaml");
    Files.writeString(template, Files.readString(template).replace("helm.sh/hook", "rendered.test/hook"));
    List<JsonNode> documents = render(copy, command -> command);
    JsonNode hookConfig = only(documents, "ConfigMap", "lw-logwarden-provisioning").path("metadata").path("annotations");
    JsonNode job = only(documents, "Job", "lw-logwarden-provisioning");
    JsonNode jobHook = job.path("metadata").path("annotations");
    assertThat(hookConfig.path("rendered.test/hook").asText()).isEqualTo("pre-install,pre-upgrade");
    assertThat(jobHook.path("rendered.test/hook").asText()).isEqualTo("pre-install,pre-upgrade");
    // The job's ConfigMap is created before the job, and both are replaced at each run.
    assertThat(Integer.parseInt(hookConfig.path("rendered.test/hook-weight").asText()))
        .isLessThan(Integer.parseInt(jobHook.path("rendered.test/hook-weight").asText()));
    assertThat(hookConfig.path("rendered.test/hook-delete-policy").asText()).isEqualTo("before-hook-creation");
    assertThat(jobHook.path("rendered.test/hook-delete-policy").asText()).isEqualTo("before-hook-creation,hook-succeeded");

    JsonNode pod = job.path("spec").path("template").path("spec");
    assertThat(pod.path("initContainers").isMissingNode()).isTrue();
    JsonNode container = pod.path("containers").get(0);
    assertThat(texts(container.path("args"))).containsExactly("topics", "apply", "--bootstrap-server", "kafka:9092",
        "--command-config", "/etc/logwarden/provisioning/client.properties",
        "--policy", "/etc/logwarden/provisioning/policy.yaml");
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/etc/logwarden/provisioning", "/tmp");
    assertThat(pod.path("volumes").findValuesAsText("name")).contains("provisioning", "tmp");
    // acls apply derives the pipeline's grants from the rules, so they come along.
    JsonNode config = only(documents, "ConfigMap", "lw-logwarden-provisioning").path("data");
    assertThat(config.path("policy.yaml").asText()).contains("Logging and Monitoring Policy");
    assertThat(config.path("rules.yaml").asText()).contains("auth.brute_force.source");
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
  }

  @Test
  void theProvisioningJobGetsTheSecretRulesThePolicyNames(@TempDir Path dir) throws IOException {
    // The provisioning commands load the policy and check the files it names, so they come along too.
    Path values = Files.writeString(dir.resolve("values.yaml"), """
        secretRules: |
          [[rules]]
          id = "billing-api-key"
          regex = '''bill_[A-Za-z0-9]{32}'''
          keywords = ["bill_"]
        """);
    JsonNode config = only(render(command -> command.withValuesFile(values).set("provisioning.hook", false)),
        "ConfigMap", "lw-logwarden-provisioning").path("data");
    assertThat(config.path("secret-rules.toml").asText()).contains("billing-api-key");
    JsonNode shipped = only(hooks(null), "ConfigMap", "lw-logwarden-provisioning").path("data");
    assertThat(shipped.has("secret-rules.toml")).isFalse();
  }

  @Test
  void asAPlainResourceTheJobIsRenamedWhenWhatItRunsChanges() throws IOException {
    // A Job's pod template cannot be changed: an upgrade must create a new job, not patch the old one.
    UnaryOperator<TemplateCommand> plain = command -> command.set("provisioning.hook", false);
    String name = jobOf(render(plain)).at("/metadata/name").asText();
    assertThat(name).matches("lw-logwarden-provisioning-[0-9a-f]{8}");
    assertThat(jobOf(render(plain)).at("/metadata/name").asText()).isEqualTo(name);
    assertThat(jobOf(render(command -> plain.apply(command).set("normalize.replicas", 5))).at("/metadata/name").asText())
        .isEqualTo(name);
    assertThat(jobOf(render(command -> plain.apply(command).set("image.tag", "0.1.1"))).at("/metadata/name").asText())
        .isNotEqualTo(name);
    assertThat(jobOf(render(command -> plain.apply(command).set("kafka.bootstrapServers", "other:9092")))
        .at("/metadata/name").asText()).isNotEqualTo(name);
  }

  private static JsonNode jobOf(List<JsonNode> documents) {
    List<JsonNode> jobs = documents.stream().filter(d -> d.path("kind").asText().equals("Job")).toList();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private static void copyChart(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(CHART.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
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
    // The whole Secret is mounted: it may hold the truststore its client.properties names.
    assertThat(detect.at("/spec/template/spec/volumes").findValues("secret")).anySatisfy(secret -> {
      assertThat(secret.path("secretName").asText()).isEqualTo("logwarden-kafka-client");
      assertThat(secret.has("items")).isFalse();
    });
    List<JsonNode> withJob = hooks("ci/sasl-values.yaml");
    JsonNode job = jobOf(withJob).path("spec").path("template").path("spec");
    // First the values' client properties and the Secret's are merged (the commands read one file),
    // then topics apply, then acls apply, both with the merge.
    JsonNode merge = job.path("initContainers").get(0);
    assertThat(merge.path("name").asText()).isEqualTo("client-properties");
    assertThat(texts(merge.path("command"))).containsExactly("/bin/sh", "-c");
    assertThat(merge.path("args").get(0).asText()).isEqualTo("{ cat /etc/logwarden/provisioning/client.properties; echo;"
        + " cat /etc/logwarden/kafka/client.properties; } > /etc/logwarden/client/client.properties");
    assertThat(texts(job.path("initContainers").get(1).path("args"))).startsWith("topics", "apply")
        .containsSubsequence("--command-config", "/etc/logwarden/client/client.properties");
    assertThat(texts(job.path("containers").get(0).path("args"))).startsWith("acls", "apply")
        .containsSubsequence("--command-config", "/etc/logwarden/client/client.properties")
        .containsSubsequence("--application-id", "logwarden-prod");
    assertThat(job.path("volumes").findValues("emptyDir"))
        .anySatisfy(dir -> assertThat(dir.path("medium").asText()).isEqualTo("Memory"));
    assertThat(only(withJob, "ConfigMap", "lw-logwarden-provisioning").at("/data/client.properties").asText())
        .contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512");
    String config = only(documents, "ConfigMap", "lw-logwarden").path("data").path("logwarden.yaml").asText();
    assertThat(config).contains("security.protocol: \"SASL_SSL\"").doesNotContain("jaas");
    // No secret: a password is only ever named by its file (the schema registry's, from its Secret).
    assertThat(config.lines().filter(line -> line.contains("password")))
        .isNotEmpty()
        .allMatch(line -> line.matches(" *[a-z]*_?password_file: \"/etc/logwarden/schema-registry/[^\"]+\""));
  }

  /** The scenarios of {@code ci/}: every values file there, so that a new one is checked without being listed. */
  private static List<String> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
      return files.map(file -> "ci/" + file.getFileName()).filter(name -> name.endsWith("-values.yaml")).sorted().toList();
    }
  }

  /**
   * {@code helm lint --strict -f SCENARIO}: helm-java's lint takes no values file, so it lints a copy
   * of the chart whose values.yaml is the defaults with the scenario merged over them, as Helm merges
   * them (maps key by key, anything else replaced).
   */
  private static LintResult lintStrict(Path scenario, Path copy) throws IOException {
    copyChart(copy);
    JsonNode merged = merge(YAML.readTree(CHART.resolve("values.yaml").toFile()), YAML.readTree(scenario.toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    return new Helm(copy).lint().strict().call();
  }

  private static JsonNode merge(JsonNode defaults, JsonNode overrides) {
    if (!defaults.isObject() || !overrides.isObject()) {
      return overrides;
    }
    ObjectNode merged = ((ObjectNode) defaults).deepCopy();
    overrides.fields().forEachRemaining(field -> merged.set(field.getKey(),
        merged.has(field.getKey()) ? merge(merged.get(field.getKey()), field.getValue()) : field.getValue()));
    return merged;
  }

  @Test
  void everyScenarioInCiPassesLintStrict(@TempDir Path dir) throws IOException {
    List<String> scenarios = scenarios();
    assertThat(scenarios).contains("ci/mtls-values.yaml", "ci/scram-values.yaml", "ci/sasl-values.yaml");
    for (String scenario : scenarios) {
      LintResult result = lintStrict(CHART.resolve(scenario), dir.resolve(scenario.replace('/', '-')));
      assertThat(result.isFailed()).as(scenario + ": " + String.join("\n", result.getMessages())).isFalse();
      // Helm's lint only logs a template's fail(), even with --strict: rendering is what refuses.
      assertThat(render(command -> command.withValuesFile(CHART.resolve(scenario)))).as(scenario).isNotEmpty();
    }
    Path broken = Files.writeString(dir.resolve("broken-values.yaml"), "kafka:\n  sasl: {mechanism: PLAIN, username: u, secret: s}\n");
    assertThatThrownBy(() -> render(command -> command.withValuesFile(broken))).hasMessageContaining("kafka.sasl needs kafka.tls.enabled");
    // A scenario its schema refuses, nested under a merged map, fails the lint.
    LintResult typo = lintStrict(Files.writeString(dir.resolve("typo-values.yaml"), "kafka:\n  tls: {enabeld: true}\n"),
        dir.resolve("typo"));
    assertThat(typo.isFailed()).isTrue();
    assertThat(String.join("\n", typo.getMessages())).contains("enabeld");
  }

  private record Workload(String component, JsonNode pod, JsonNode container) {}

  // The pods that talk to Kafka: normalize, detect, notify and the provisioning job's last command.
  private static List<Workload> kafkaWorkloads(List<JsonNode> documents) {
    List<Workload> workloads = new ArrayList<>();
    for (String component : List.of("normalize", "detect", "notify")) {
      JsonNode pod = documents.stream().filter(d -> d.at("/metadata/name").asText().equals("lw-logwarden-" + component)
          && d.path("kind").asText().matches("Deployment|StatefulSet")).findFirst().orElseThrow().at("/spec/template/spec");
      workloads.add(new Workload(component, pod, pod.path("containers").get(0)));
    }
    JsonNode job = jobOf(documents).at("/spec/template/spec");
    workloads.add(new Workload("provisioning", job, job.path("containers").get(0)));
    return workloads;
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    return MissingNode.getInstance();
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode variable : container.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    return MissingNode.getInstance();
  }

  /** The Kafka client properties of every config the chart renders: both logwarden.yaml files and the job's properties. */
  private static Map<String, Map<String, String>> kafkaConfigs(List<JsonNode> documents) throws IOException {
    Map<String, Map<String, String>> configs = new TreeMap<>();
    for (String name : List.of("lw-logwarden", "lw-logwarden-notify")) {
      if (name.endsWith("-notify") && documents.stream().noneMatch(d -> d.at("/metadata/name").asText().equals(name))) {
        continue;
      }
      Map<String, String> kafka = new TreeMap<>();
      YAML.readTree(only(documents, "ConfigMap", name).at("/data/logwarden.yaml").asText()).path("kafka").fields()
          .forEachRemaining(field -> kafka.put(field.getKey(), field.getValue().asText()));
      configs.put(name.equals("lw-logwarden") ? "pipeline" : "notify", kafka);
    }
    Properties job = new Properties();
    job.load(new StringReader(only(documents, "ConfigMap", "lw-logwarden-provisioning").at("/data/client.properties").asText()));
    Map<String, String> provisioning = new TreeMap<>();
    job.stringPropertyNames().forEach(key -> provisioning.put(key, job.getProperty(key)));
    configs.put("provisioning", provisioning);
    return configs;
  }

  // Every property that may hold a secret is a reference to an environment variable, never a value.
  private static void assertSecretsOnlyByReference(Map<String, Map<String, String>> configs) {
    configs.forEach((workload, kafka) -> kafka.forEach((key, value) -> {
      if (key.contains("password")) {
        assertThat(value).as(workload + " " + key).matches("\\$\\{env:LOGWARDEN_KAFKA_[A-Z_]+_PASSWORD}");
      }
      if (key.equals("sasl.jaas.config")) {
        assertThat(value).as(workload + " " + key).matches(".* password=\"\\$\\{env:LOGWARDEN_KAFKA_SASL_PASSWORD}\";");
      }
    }));
  }

  @Test
  void mtlsScenarioMountsTheStoresAndGivesEachWorkloadItsOwnCertificate() throws IOException {
    List<JsonNode> documents = hooks("ci/mtls-values.yaml");
    Map<String, String> keystoreOf = new TreeMap<>();
    for (Workload workload : kafkaWorkloads(documents)) {
      String what = workload.component();
      JsonNode truststore = volume(workload.pod(), "kafka-truststore").path("secret");
      assertThat(truststore.path("secretName").asText()).as(what).isEqualTo("kafka-cluster-ca-cert");
      // Only the store's key is mounted, not its password beside it.
      assertThat(truststore.path("items").findValuesAsText("key")).as(what).containsExactly("ca.p12");
      JsonNode keystore = volume(workload.pod(), "kafka-keystore").path("secret");
      assertThat(keystore.path("items").findValuesAsText("key")).as(what).containsExactly("user.p12");
      keystoreOf.put(what, keystore.path("secretName").asText());
      assertThat(workload.container().path("volumeMounts")).as(what).anySatisfy(mount -> {
        assertThat(mount.path("name").asText()).isEqualTo("kafka-keystore");
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/logwarden/kafka-tls/keystore");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
      });
      assertThat(workload.container().path("volumeMounts").findValuesAsText("mountPath")).as(what)
          .contains("/etc/logwarden/kafka-tls/truststore");
      // The passwords: environment variables from the Secrets' keys, the keystore's from the workload's own.
      assertThat(env(workload.container(), "LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
          .as(what).isEqualTo("kafka-cluster-ca-cert");
      assertThat(env(workload.container(), "LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText())
          .as(what).isEqualTo("ca.password");
      assertThat(env(workload.container(), "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
          .as(what).isEqualTo(keystore.path("secretName").asText());
      assertThat(env(workload.container(), "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText())
          .as(what).isEqualTo("user.password");
      assertThat(env(workload.container(), "LOGWARDEN_KAFKA_SASL_PASSWORD").isMissingNode()).as(what).isTrue();
    }
    // Each principal its own certificate: normalize and detect are the pipeline, notify and the job theirs.
    assertThat(keystoreOf).containsExactlyInAnyOrderEntriesOf(Map.of("normalize", "logwarden", "detect", "logwarden",
        "notify", "logwarden-notify", "provisioning", "logwarden-provisioner"));
    // The job's first command (topics apply, an init container) connects the same way.
    JsonNode topicsApply = jobOf(documents).at("/spec/template/spec/initContainers/0");
    assertThat(topicsApply.path("name").asText()).isEqualTo("topics-apply");
    assertThat(env(topicsApply, "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
        .isEqualTo("logwarden-provisioner");
    assertThat(topicsApply.path("volumeMounts").findValuesAsText("name")).contains("kafka-truststore", "kafka-keystore");

    var configs = kafkaConfigs(documents);
    assertThat(configs.keySet()).containsExactly("notify", "pipeline", "provisioning");
    configs.forEach((workload, kafka) -> assertThat(kafka).as(workload).containsAllEntriesOf(Map.of(
        "security.protocol", "SSL",
        "ssl.truststore.location", "/etc/logwarden/kafka-tls/truststore/ca.p12",
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", "${env:LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD}",
        "ssl.keystore.location", "/etc/logwarden/kafka-tls/keystore/user.p12",
        "ssl.keystore.type", "PKCS12",
        "ssl.keystore.password", "${env:LOGWARDEN_KAFKA_KEYSTORE_PASSWORD}"))
        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.key.password"));
    assertSecretsOnlyByReference(configs);
    // A rotation revision rolls every pod, the job's too.
    for (Workload workload : kafkaWorkloads(documents)) {
      assertThat(documents.stream().filter(d -> d.at("/spec/template/spec").equals(workload.pod())).findFirst().orElseThrow()
          .at("/spec/template/metadata/annotations/logwarden.io~1kafka-credentials-revision").asText())
          .as(workload.component()).isEqualTo("2026-12-01");
    }
  }

  @Test
  void scramScenarioGivesEachWorkloadItsOwnUserAndPasswordFromItsSecret() throws IOException {
    List<JsonNode> documents = hooks("ci/scram-values.yaml");
    Map<String, String> passwordSecretOf = new TreeMap<>();
    for (Workload workload : kafkaWorkloads(documents)) {
      String what = workload.component();
      JsonNode password = env(workload.container(), "LOGWARDEN_KAFKA_SASL_PASSWORD").at("/valueFrom/secretKeyRef");
      assertThat(password.path("key").asText()).as(what).isEqualTo("password");
      passwordSecretOf.put(what, password.path("name").asText());
      // A PEM truststore (the CA's certificate) has no password; there is no keystore.
      assertThat(volume(workload.pod(), "kafka-truststore").at("/secret/items/0/key").asText()).as(what).isEqualTo("ca.crt");
      assertThat(volume(workload.pod(), "kafka-keystore").isMissingNode()).as(what).isTrue();
      assertThat(workload.container().path("env").findValuesAsText("name")).as(what)
          .doesNotContain("LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD", "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD");
    }
    assertThat(passwordSecretOf).containsExactlyInAnyOrderEntriesOf(Map.of("normalize", "logwarden-scram",
        "detect", "logwarden-scram", "notify", "logwarden-notify-scram", "provisioning", "logwarden-provisioner-scram"));
    var configs = kafkaConfigs(documents);
    Map<String, String> users = Map.of("pipeline", "logwarden", "notify", "logwarden-notify",
        "provisioning", "logwarden-provisioner");
    configs.forEach((workload, kafka) -> {
      assertThat(kafka).as(workload).containsAllEntriesOf(Map.of("security.protocol", "SASL_SSL",
          "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.type", "PEM",
          "ssl.truststore.location", "/etc/logwarden/kafka-tls/truststore/ca.crt",
          "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
              + users.get(workload) + "\" password=\"${env:LOGWARDEN_KAFKA_SASL_PASSWORD}\";"))
          .doesNotContainKeys("ssl.truststore.password", "ssl.keystore.location");
    });
    assertSecretsOnlyByReference(configs);
    // No revision given: no annotation.
    assertThat(only(documents, "Deployment", "lw-logwarden-normalize").at("/spec/template/metadata/annotations")
        .has("logwarden.io/kafka-credentials-revision")).isFalse();
  }

  @Test
  void kafkaTransportSettingsThatCannotWorkOrWouldLeakAPasswordAreRefused() throws IOException {
    UnaryOperator<TemplateCommand> tls = command -> command.set("kafka.tls.enabled", true)
        .set("kafka.tls.truststore.secret", "ca");
    // Control: these settings render.
    assertThat(render(tls)).isNotEmpty();
    assertThatThrownBy(() -> render(command -> command.set("kafka.sasl.mechanism", "SCRAM-SHA-512")
        .set("kafka.sasl.username", "u").set("kafka.sasl.secret", "s")))
        .hasMessageContaining("kafka.sasl needs kafka.tls.enabled");
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.sasl.mechanism", "SCRAM-SHA-512")
        .set("kafka.sasl.username", "u"))).hasMessageContaining("kafka.sasl.secret is required");
    assertThatThrownBy(() -> render(command -> command.set("kafka.tls.truststore.secret", "ca")))
        .hasMessageContaining("kafka.tls.enabled is false");
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.tls.truststore.type", "PEM")))
        .hasMessageContaining("PEM has no password");
    assertThat(render(command -> tls.apply(command).set("kafka.tls.truststore.type", "PEM")
        .set("kafka.tls.truststore.passwordKey", ""))).isNotEmpty();
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.sasl.mechanism", "PLAIN")
        .set("kafka.sasl.username", "u").set("kafka.sasl.secret", "s").set("notify.kafkaIdentity.saslUsername", "n")))
        .hasMessageContaining("notify.kafkaIdentity.saslUsername needs notify.kafkaIdentity.saslSecret");
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("provisioning.kafkaIdentity.keystoreSecret", "p")))
        .hasMessageContaining("needs kafka.tls.keystore.secret");
    // Properties the chart writes are not given twice; a password is never a value.
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.properties.security\\.protocol", "SSL")))
        .hasMessageContaining("kafka.properties.security.protocol is written by kafka.tls");
    assertThatThrownBy(() -> render(command -> command.set("kafka.properties.ssl\\.keystore\\.password", "hunter2")))
        .hasMessageContaining("kafka.properties.ssl.keystore.password holds a secret in clear")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThatThrownBy(() -> render(command -> command.set("kafka.properties.sasl\\.jaas\\.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";")))
        .hasMessageContaining("sasl.jaas.config holds a secret in clear");
    String byReference = only(render(command -> command.set("kafka.properties.ssl\\.keystore\\.password", "${env:KS_PASSWORD}")),
        "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText();
    assertThat(byReference).contains("ssl.keystore.password: \"${env:KS_PASSWORD}\"");
    // Hostname verification off only with allowInsecureHostname, which the config then carries.
    UnaryOperator<TemplateCommand> noHostname = command -> tls.apply(command)
        .set("kafka.properties.ssl\\.endpoint\\.identification\\.algorithm", "");
    assertThatThrownBy(() -> render(noHostname)).hasMessageContaining("kafka.tls.allowInsecureHostname");
    List<JsonNode> allowed = render(command -> noHostname.apply(command).set("kafka.tls.allowInsecureHostname", true)
        .set("provisioning.hook", false));
    assertThat(YAML.readTree(only(allowed, "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText())
        .path("allow_insecure_hostname").asBoolean()).isTrue();
    // The provisioning commands read client.properties, not logwarden.yaml: they take the flag.
    assertThat(texts(jobOf(allowed).at("/spec/template/spec/containers/0/args"))).contains("--allow-insecure-hostname");
    List<JsonNode> verified = render(command -> tls.apply(command).set("provisioning.hook", false));
    assertThat(only(verified, "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText())
        .doesNotContain("allow_insecure_hostname");
    assertThat(texts(jobOf(verified).at("/spec/template/spec/containers/0/args"))).doesNotContain("--allow-insecure-hostname");
    // The schema: store types, mechanisms, a user name that would break the JAAS line, Secret names.
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.tls.keystore.type", "P12")))
        .hasMessageContaining("type");
    assertThatThrownBy(() -> render(command -> tls.apply(command).set("kafka.sasl.mechanism", "GSSAPI")))
        .hasMessageContaining("mechanism");
    assertThatThrownBy(() -> render(command -> command.set("kafka.sasl.username", "u\" admin=\"true")))
        .hasMessageContaining("username");
    assertThatThrownBy(() -> render(command -> command.set("notify.kafkaIdentity.keystoreSecret", "Not_A_Secret")))
        .hasMessageContaining("keystoreSecret");
    assertThatThrownBy(() -> render(command -> command.set("kafka.tls.trustore.secret", "ca")))
        .hasMessageContaining("trustore");
  }

  @Test
  void aWholeJaasLineFromTheSecretAndAPemKeystoreWithAnEncryptedKey() throws IOException {
    List<JsonNode> documents = render(command -> command.set("provisioning.hook", false)
        .set("kafka.tls.enabled", true).set("kafka.tls.keystore.secret", "logwarden-tls")
        .set("kafka.tls.keystore.key", "keystore.pem").set("kafka.tls.keystore.type", "PEM")
        .set("kafka.tls.keystore.passwordKey", "key.password").set("kafka.tls.keystore.passwordSecret", "logwarden-tls-password")
        .set("kafka.sasl.mechanism", "SCRAM-SHA-256").set("kafka.sasl.secret", "logwarden-user")
        .set("kafka.sasl.jaasConfigKey", "sasl.jaas.config"));
    var configs = kafkaConfigs(documents);
    // A PEM keystore's password is its key's (Kafka refuses a keystore password with PEM).
    assertThat(configs.get("pipeline")).containsEntry("ssl.key.password", "${env:LOGWARDEN_KAFKA_KEYSTORE_PASSWORD}")
        .containsEntry("ssl.keystore.type", "PEM").containsEntry("sasl.jaas.config", "${env:LOGWARDEN_KAFKA_SASL_JAAS_CONFIG}")
        .doesNotContainKeys("ssl.keystore.password", "ssl.truststore.location");
    JsonNode detect = only(documents, "StatefulSet", "lw-logwarden-detect").at("/spec/template/spec/containers/0");
    assertThat(env(detect, "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
        .isEqualTo("logwarden-tls-password");
    assertThat(env(detect, "LOGWARDEN_KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/key").asText())
        .isEqualTo("sasl.jaas.config");
    assertThat(env(detect, "LOGWARDEN_KAFKA_SASL_PASSWORD").isMissingNode()).isTrue();
  }

  @Test
  void aSchemaRegistryIsConfiguredWithItsSecretsMountedFromASecret() throws IOException {
    // None by default: no section in logwarden.yaml, no volume.
    List<JsonNode> defaults = render(command -> command);
    assertThat(only(defaults, "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText())
        .doesNotContain("schema_registry");
    assertThat(only(defaults, "StatefulSet", "lw-logwarden-detect").at("/spec/template/spec/volumes")
        .findValuesAsText("name")).doesNotContain("schema-registry");

    List<JsonNode> documents = render(command -> command.withValuesFile(CHART.resolve("ci/sasl-values.yaml")));
    String config = only(documents, "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText();
    assertThat(config).contains("""
        schema_registry:
          url: "https://schema-registry.kafka:8081"
          basic_auth:
            username: "SR-API-KEY"
            password_file: "/etc/logwarden/schema-registry/password"
          tls:
            truststore: "/etc/logwarden/schema-registry/truststore.p12"
            truststore_type: "PKCS12"
            truststore_password_file: "/etc/logwarden/schema-registry/truststore.password"
            keystore: "/etc/logwarden/schema-registry/keystore.p12"
            keystore_type: "PKCS12"
            keystore_password_file: "/etc/logwarden/schema-registry/keystore.password"
          timeout: "5s"
          auto_register: true""");
    // The rendered file is one the application reads.
    assertThat(YAML.readTree(config).path("schema_registry").path("basic_auth").path("username").asText())
        .isEqualTo("SR-API-KEY");
    for (JsonNode workload : List.of(only(documents, "Deployment", "lw-logwarden-normalize"),
        only(documents, "StatefulSet", "lw-logwarden-detect"))) {
      JsonNode pod = workload.at("/spec/template/spec");
      assertThat(pod.path("volumes").findValues("secret")).anySatisfy(secret -> {
        assertThat(secret.path("secretName").asText()).isEqualTo("logwarden-schema-registry");
        assertThat(secret.has("items")).isFalse();
      });
      assertThat(pod.at("/containers/0/volumeMounts")).anySatisfy(mount -> {
        assertThat(mount.path("name").asText()).isEqualTo("schema-registry");
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/logwarden/schema-registry");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
      });
    }

    // A bearer token, plain JVM trust, lookup only.
    String bearer = only(render(command -> command.set("schemaRegistry.url", "https://apicurio:8080/apis/ccompat/v7")
        .set("schemaRegistry.existingSecret", "registry-token").set("schemaRegistry.bearer.tokenKey", "token")
        .set("schemaRegistry.autoRegister", false)), "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText();
    assertThat(bearer).contains("  url: \"https://apicurio:8080/apis/ccompat/v7\"\n  bearer:\n"
        + "    token_file: \"/etc/logwarden/schema-registry/token\"\n  timeout: \"10s\"\n  auto_register: false")
        .doesNotContain("basic_auth").doesNotContain("tls:");
  }

  @Test
  void aSchemaRegistryWhoseSecretsCannotBeReadIsRefused() {
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.url", "https://r:8081")
        .set("schemaRegistry.basicAuth.username", "u")))
        .hasMessageContaining("schemaRegistry.existingSecret is required");
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.url", "https://r:8081")
        .set("schemaRegistry.existingSecret", "s").set("schemaRegistry.basicAuth.username", "u")
        .set("schemaRegistry.bearer.tokenKey", "token")))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.url", "http://r:8081")
        .set("schemaRegistry.existingSecret", "s").set("schemaRegistry.tls.truststoreKey", "trust.p12")))
        .hasMessageContaining("is not https");
    // The schema refuses credentials in the URL, typos and wrong types.
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.url", "https://user:secret@r:8081")))
        .hasMessageContaining("url");
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.timeout", "10")))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.basicAuth.pasword", "x")))
        .hasMessageContaining("pasword");
    assertThatThrownBy(() -> render(command -> command.set("schemaRegistry.tls.truststoreType", "PEM")))
        .hasMessageContaining("truststoreType");
  }

  @Test
  void everyObjectCarriesTheStandardLabelsAndSelectorsMatchTheirPods() throws IOException {
    List<String> scenarios = new ArrayList<>(scenarios());
    scenarios.add(0, "values.yaml");
    for (String scenario : scenarios) {
      List<JsonNode> documents = hooks(scenario);
      for (JsonNode document : documents) {
        JsonNode labels = document.path("metadata").path("labels");
        String what = scenario + ": " + document.path("kind").asText() + " " + document.at("/metadata/name").asText();
        assertThat(labels.path("app.kubernetes.io/name").asText()).as(what).isEqualTo("logwarden");
        assertThat(labels.path("app.kubernetes.io/instance").asText()).as(what).isEqualTo("lw");
        assertThat(labels.path("app.kubernetes.io/version").asText()).as(what).isEqualTo("0.1.0");
        assertThat(labels.path("app.kubernetes.io/managed-by").asText()).as(what).isEqualTo("Helm");
        assertThat(labels.path("helm.sh/chart").asText()).as(what).isEqualTo("logwarden-0.1.0");
        if (List.of("Deployment", "StatefulSet", "Service", "PodDisruptionBudget", "Job").contains(document.path("kind").asText())) {
          assertThat(labels.path("app.kubernetes.io/component").asText()).as(what)
              .isIn("normalize", "detect", "notify", "provisioning");
        }
      }
      List<String> components = documents.stream().anyMatch(d -> d.at("/metadata/name").asText().equals("lw-logwarden-notify"))
          ? List.of("normalize", "detect", "notify") : List.of("normalize", "detect");
      for (String component : components) {
        JsonNode workload = documents.stream().filter(d -> d.at("/metadata/name").asText().equals("lw-logwarden-" + component)
            && d.path("kind").asText().matches("Deployment|StatefulSet")).findFirst().orElseThrow();
        JsonNode podLabels = workload.at("/spec/template/metadata/labels");
        // Selectors are immutable: they hold only labels that never change between chart versions.
        JsonNode selector = workload.at("/spec/selector/matchLabels");
        List<String> selectorKeys = new ArrayList<>();
        selector.fieldNames().forEachRemaining(selectorKeys::add);
        assertThat(selectorKeys).containsExactlyInAnyOrder(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component");
        for (JsonNode each : List.of(selector, only(documents, "Service", "lw-logwarden-" + component).at("/spec/selector"),
            only(documents, "PodDisruptionBudget", "lw-logwarden-" + component).at("/spec/selector/matchLabels"))) {
          each.fields().forEachRemaining(entry -> assertThat(podLabels.path(entry.getKey()).asText())
              .as(scenario + ": " + component + " selector " + entry.getKey()).isEqualTo(entry.getValue().asText()));
        }
      }
    }
  }

  @Test
  void aCustomPolicyReplacesTheShippedOneAndRollsThePods() throws IOException {
    List<JsonNode> defaults = render(command -> command);
    List<JsonNode> custom = render(command -> command.withValuesFile(CHART.resolve("ci/custom-policy-values.yaml")));
    assertThat(only(custom, "ConfigMap", "lw-logwarden").path("data").path("policy.yaml").asText())
        .contains("Custom logging policy").doesNotContain("botBrains");
    // A catalogue of the company's own sources is written beside the policy; the shipped chart has none.
    assertThat(only(custom, "ConfigMap", "lw-logwarden").path("data").path("catalogue.yaml").asText())
        .contains("billing.sign_in");
    assertThat(only(defaults, "ConfigMap", "lw-logwarden").path("data").has("catalogue.yaml")).isFalse();
    // So is a secret rule file of the company's own; the shipped chart has none.
    assertThat(only(custom, "ConfigMap", "lw-logwarden").path("data").path("secret-rules.toml").asText())
        .contains("id = \"billing-api-key\"").contains("keywords = [\"bill_\"]");
    assertThat(only(defaults, "ConfigMap", "lw-logwarden").path("data").has("secret-rules.toml")).isFalse();
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
    assertThatThrownBy(() -> render(command -> command.set("secretRules", 5)))
        .hasMessageContaining("secretRules");
    assertThatThrownBy(() -> render(command -> command.set("kafka.processingGuarantee", "exactly_once")))
        .hasMessageContaining("processingGuarantee");
    assertThatThrownBy(() -> render(command -> command.set("detect.storage.size", "10GB")))
        .hasMessageContaining("size");
    assertThatThrownBy(() -> render(command -> command.set("provisioning.acls", "yes")))
        .hasMessageContaining("acls");
    assertThatThrownBy(() -> render(command -> command.set("notify.enabled", true)
        .set("notify.config.destinations.chat.type", "teams"))).hasMessageContaining("type");
    assertThatThrownBy(() -> render(command -> command.set("notify.config.routes[0].min_severity", "SEVERE")
        .set("notify.config.routes[0].to[0]", "chat"))).hasMessageContaining("min_severity");
    assertThatThrownBy(() -> render(command -> command.set("notify.alertsVolume.mountPath", "var/log")))
        .hasMessageContaining("mountPath");
    // The application refuses a RocksDB budget below 16 MiB at start; the chart refuses it earlier.
    assertThatThrownBy(() -> render(command -> command.set("detect.rocksdbMemoryMb", 8)))
        .hasMessageContaining("rocksdbMemoryMb");
  }

  @Test
  void everyObjectOfTheSchemaIsClosedExceptKubernetesPassThroughs() throws IOException {
    // Objects handed to Kubernetes as they are: their own API server validates them.
    Set<String> passThrough = Set.of("/podSecurityContext", "/containerSecurityContext", "/affinity", "/tolerations/items",
        "/notify/sidecars/items");
    JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
    assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    List<String> open = new ArrayList<>();
    collectOpenObjects(schema, "", passThrough, open);
    assertThat(open).as("schema objects that accept unknown keys").isEmpty();
  }

  // Closed: additionalProperties false (a record) or a schema for every value (a map of strings, numbers).
  private static void collectOpenObjects(JsonNode node, String path, Set<String> passThrough, List<String> open) {
    if (node.path("type").asText().equals("object") && !passThrough.contains(path)) {
      JsonNode additional = node.path("additionalProperties");
      if (!(additional.isBoolean() && !additional.asBoolean()) && !additional.isObject()) {
        open.add(path.isEmpty() ? "/" : path);
      }
    }
    node.path("properties").fields().forEachRemaining(field ->
        collectOpenObjects(field.getValue(), path + "/" + field.getKey(), passThrough, open));
    if (node.has("items")) {
      collectOpenObjects(node.path("items"), path + "/items", passThrough, open);
    }
  }

  @Test
  void aClusterOlderThanTheChartNeedsIsRefused() {
    assertThatThrownBy(() -> new Helm(CHART).template().withName("lw").withKubeVersion("1.24.0").call())
        .hasMessageContaining("kubeVersion");
  }

  @Test
  void theNotifyWorkloadRunsWithItsOwnConfigSecretsAndASharedVolumeForTheFileDestination(@TempDir Path dir)
      throws IOException {
    // Off by default: nothing of it is rendered.
    assertThat(render(command -> command)).noneMatch(d -> d.at("/metadata/name").asText().endsWith("-notify"));

    List<JsonNode> documents = render(command -> command.withValuesFile(CHART.resolve("ci/notify-values.yaml")));
    JsonNode notify = only(documents, "Deployment", "lw-logwarden-notify");
    JsonNode pod = notify.at("/spec/template/spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("name").asText()).isEqualTo("notify");
    assertThat(texts(container.path("args"))).containsExactly("run", "--config",
        "/etc/logwarden/notify-config/logwarden.yaml", "--topology", "notify", "--no-create-topics",
        "--command-config", "/etc/logwarden/kafka/client.properties");
    // Its own Kafka principal's credentials; the destinations' secrets from Secrets, by env and by file.
    assertThat(pod.path("volumes").findValuesAsText("secretName")).contains("logwarden-notify-kafka-client",
        "logwarden-pagerduty", "logwarden-pseudonym-key").doesNotContain("logwarden-kafka-client");
    JsonNode slackUrl = container.path("env").get(1);
    assertThat(slackUrl.path("name").asText()).isEqualTo("SLACK_WEBHOOK_URL");
    assertThat(slackUrl.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("logwarden-slack");
    assertThat(slackUrl.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("webhook-url");
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/etc/logwarden/config",
        "/etc/logwarden/notify-config", "/etc/logwarden/key", "/etc/logwarden/notify-secrets/logwarden-pagerduty",
        "/var/log/logwarden", "/tmp", "/var/lib/logwarden");
    assertThat(container.path("readinessProbe").at("/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    // The file destination's volume, shared with the SIEM agent sidecar.
    assertThat(pod.path("volumes").findValues("emptyDir")).anySatisfy(volume ->
        assertThat(volume.path("sizeLimit").asText()).isEqualTo("1Gi"));
    JsonNode sidecar = pod.path("containers").get(1);
    assertThat(sidecar.path("name").asText()).isEqualTo("wazuh-agent");
    assertThat(sidecar.path("volumeMounts").get(0).path("name").asText()).isEqualTo("alerts");
    assertThat(notify.at("/spec/template/metadata/annotations/checksum~1notify-config").asText()).hasSize(64);
    assertThat(only(documents, "Service", "lw-logwarden-notify").at("/spec/selector/app.kubernetes.io~1component")
        .asText()).isEqualTo("notify");
    assertThat(only(documents, "PodDisruptionBudget", "lw-logwarden-notify")).isNotNull();

    // The rendered config is one the application reads: its notify section, secrets by reference only.
    String config = only(documents, "ConfigMap", "lw-logwarden-notify").at("/data/logwarden.yaml").asText();
    assertThat(config).contains("notify:", "SLACK_WEBHOOK_URL").doesNotContain("hooks.slack.com");
    io.logwarden.notify.NotifySettings settings = io.logwarden.config.NotifyConfigLoader.inspect(
        Files.writeString(dir.resolve("logwarden.yaml"), config));
    assertThat(settings.destinations().keySet()).containsExactlyInAnyOrder("secops-slack", "oncall", "siem");
    assertThat(settings.routes()).hasSize(2);
    // Normalize and detect keep their config: a destination changed rolls only the notify pods.
    assertThat(only(documents, "ConfigMap", "lw-logwarden").at("/data/logwarden.yaml").asText()).doesNotContain("notify");
    String checksumPath = "/spec/template/metadata/annotations/checksum~1config";
    List<JsonNode> otherDestinations = render(command -> command.withValuesFile(CHART.resolve("ci/notify-values.yaml"))
        .set("notify.config.routes[1].to[0]", "siem"));
    assertThat(only(otherDestinations, "Deployment", "lw-logwarden-normalize").at(checksumPath).asText())
        .isEqualTo(only(documents, "Deployment", "lw-logwarden-normalize").at(checksumPath).asText());
    assertThat(only(otherDestinations, "Deployment", "lw-logwarden-notify")
        .at("/spec/template/metadata/annotations/checksum~1notify-config").asText())
        .isNotEqualTo(notify.at("/spec/template/metadata/annotations/checksum~1notify-config").asText());
  }

  @Test
  void theReadmeDocumentsEveryValueAndOnlyValuesThatExist() throws IOException {
    // The keys of the README's values table: the backticked names in each row's first cell.
    Set<String> documented = new TreeSet<>();
    Pattern key = Pattern.compile("`([^`]+)`");
    for (String line : Files.readAllLines(CHART.resolve("README.md"))) {
      if (line.startsWith("| `")) {
        Matcher names = key.matcher(line.substring(1, line.indexOf('|', 1)));
        while (names.find()) {
          documented.add(names.group(1));
        }
      }
    }
    JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(values, "", documented, undocumented);
    assertThat(undocumented).as("values missing from the README's table").isEmpty();
    assertThat(documented).as("README rows naming no value").allSatisfy(name ->
        assertThat(values.at("/" + name.replace(".", "/")).isMissingNode()).as(name).isFalse());
  }

  // A value is documented by its own row or by a row of a map that holds it (resources, probes).
  private static void collectUndocumented(JsonNode node, String path, Set<String> documented, List<String> undocumented) {
    if (documented.contains(path)) {
      return;
    }
    if (node.isObject() && !node.isEmpty()) {
      node.fields().forEachRemaining(field ->
          collectUndocumented(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), documented,
              undocumented));
    } else {
      undocumented.add(path);
    }
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
