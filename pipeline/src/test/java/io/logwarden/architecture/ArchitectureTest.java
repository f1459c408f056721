package io.logwarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The top-level packages under {@code io.logwarden} form layers, and a package uses only the packages
 * below it. The order, and why, is in {@code docs/contributing.md}; change both together.
 */
class ArchitectureTest {

  /** Bottom up: each package may use the ones before it, never the ones after. */
  static final List<String> LAYERS = List.of(
      // the event model and the policy
      "schema", "event", "policy",
      // the stages: redaction, parsing, detection, dead letters, notifications of alerts
      "redact", "normalize", "detect", "deadletter", "notify",
      // the admin side: the cluster, audit trail, topics, ACLs, evidence
      "cluster", "audit", "topics", "access", "evidence",
      // the topologies, then the application that runs them, then the commands (demo and process: the tools module)
      "topology", "config", "ops", "cli");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.logwarden");

  @Test
  void everyTopLevelPackageHasItsPlaceInTheLayers() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass type : MAIN) {
      packages.add(topLevel(type.getPackageName()));
    }
    // Every package placed, and every layer holds classes (an empty import would pass every rule).
    assertThat(packages).containsExactlyInAnyOrderElementsOf(LAYERS);
  }

  @Test
  void theTopLevelPackagesHaveNoCycles() {
    slices().matching("io.logwarden.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() {
    for (ArchRule rule : layerRules()) {
      rule.check(MAIN);
    }
  }

  @Test
  void aPolicyClassThatImportsATopologyClassIsRefused() {
    // The rules above must be able to fail: a class in policy (a test class here) using topology.
    JavaClasses planted = new ClassFileImporter().importClasses(io.logwarden.policy.PlantedLayerViolation.class);
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : layerRules()) {
      try {
        rule.check(planted);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).contains("PlantedLayerViolation", "io.logwarden.topology");
    assertThatThrownBy(() -> layerRules().get(LAYERS.indexOf("policy")).check(planted)).isInstanceOf(AssertionError.class);
  }

  /** One rule per layer: nothing in it depends on a layer above. */
  static List<ArchRule> layerRules() {
    List<ArchRule> rules = new ArrayList<>();
    // The top layer has nothing above it, so no rule.
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      List<String> above = LAYERS.subList(i + 1, LAYERS.size());
      rules.add(noClasses().that().resideInAPackage("io.logwarden." + LAYERS.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(
              above.stream().map(p -> "io.logwarden." + p + "..").toArray(String[]::new))
          .because(LAYERS.get(i) + " sits below " + above + " (docs/contributing.md)")
          .allowEmptyShould(true));
    }
    return rules;
  }

  private static String topLevel(String packageName) {
    String rest = packageName.substring("io.logwarden.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
