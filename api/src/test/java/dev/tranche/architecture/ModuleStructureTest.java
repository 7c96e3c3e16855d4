package dev.tranche.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of ARCHITECTURE.md: api, workers → activities → workflows; workflows
 * depend on nothing of ours; the sandbox depends on nothing of ours and nothing of ours reaches into it
 * except the embedded launcher.
 */
class ModuleStructureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("dev.tranche");

  /** The top-level packages of the workflows module, read from where its classes were loaded. */
  private Set<String> workflowPackages() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      boolean inWorkflows = c.getSource().map(source -> source.getUri().toString())
          .filter(uri -> uri.contains("/workflows/target/") || uri.contains("tranche-workflows-")).isPresent();
      if (inWorkflows) {
        packages.add(c.getPackageName().split("\\.")[2]);
      }
    }
    return packages;
  }

  @Test
  void workflows_depend_on_nothing_of_ours() {
    Set<String> packages = workflowPackages();
    assertThat(packages).as("the workflows module's packages, found on the classpath")
        .contains("application", "chain", "collections", "marketplace", "partner", "servicing", "money");
    for (String pkg : packages) {
      noClasses().that().resideInAPackage("dev.tranche." + pkg + "..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.activities..", "dev.tranche.api..",
              "dev.tranche.workers..", "dev.tranche.temporal..", "dev.tranche.sandbox..", "dev.tranche.platform..")
          .check(classes);
    }
  }

  /**
   * No cycles between the packages of a module. Deliberate exceptions, each a pair of workflows that
   * signal each other by design:
   * <ul>
   *   <li>{@code servicing} ↔ {@code chain}: a loan's servicing syncs its vault debt and releases its
   *       collateral, and a liquidation pays its proceeds into the loan's servicing;</li>
   *   <li>{@code servicing} ↔ {@code collections}: servicing opens and cures collection cases, and a case
   *       assesses late fees on the loan's servicing.</li>
   * </ul>
   */
  @Test
  void packages_are_free_of_cycles() {
    slices().matching("dev.tranche.(*)..")
        .should().beFreeOfCycles()
        .ignoreDependency(resideInAPackage("dev.tranche.chain.."), resideInAPackage("dev.tranche.servicing.."))
        .ignoreDependency(resideInAPackage("dev.tranche.collections.."), resideInAPackage("dev.tranche.servicing.."))
        .check(classes);
    for (String module : new String[] {"activities", "api"}) {
      slices().matching("dev.tranche." + module + ".(*)..").should().beFreeOfCycles().check(classes);
    }
  }

  @Test
  void activities_do_not_know_the_api_or_the_workers() {
    noClasses().that().resideInAPackage("dev.tranche.activities..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.api..", "dev.tranche.workers..",
            "dev.tranche.platform..", "dev.tranche.sandbox..")
        .check(classes);
  }

  /** The console reads the same read models and calls the same services as the API, from activities. */
  @Test
  void the_console_does_not_know_the_api_or_the_workers() {
    noClasses().that().resideInAPackage("dev.tranche.console..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.api..", "dev.tranche.workers..",
            "dev.tranche.platform..", "dev.tranche.sandbox..")
        .check(classes);
  }

  @Test
  void workers_do_not_know_the_api() {
    noClasses().that().resideInAPackage("dev.tranche.workers..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.api..", "dev.tranche.platform..",
            "dev.tranche.sandbox..")
        .check(classes);
  }

  @Test
  void the_sandbox_is_a_stranger() {
    noClasses().that().resideInAPackage("dev.tranche.sandbox..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.tranche.sandbox..", "java..", "javax..",
            "com.fasterxml.jackson..", "org.slf4j..", "com.sun.net.httpserver..", "org.w3c.dom..",
            "org.xml.sax..")
        .check(classes);
    noClasses().that().resideOutsideOfPackage("dev.tranche.platform..")
        .and().resideOutsideOfPackage("dev.tranche.sandbox..")
        .should().dependOnClassesThat().resideInAPackage("dev.tranche.sandbox..")
        .check(classes);
  }

  @Test
  void controllers_hold_no_sql_and_post_nothing_to_the_ledger() {
    // SQL lives in one query class per feature; every posting is composed in activities.
    noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
        .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.tranche.activities.ledger.Ledger")
        .check(classes);
  }

  @Test
  void the_api_talks_to_temporal_only_as_a_client() {
    noClasses().that().resideInAPackage("dev.tranche.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal.worker..", "io.temporal.activity..")
        .check(classes);
  }
}
