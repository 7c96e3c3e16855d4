package dev.tranche.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

  @Test
  void workflows_depend_on_nothing_of_ours() {
    noClasses().that().resideInAPackage("dev.tranche.money..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.activities..", "dev.tranche.api..",
            "dev.tranche.workers..", "dev.tranche.temporal..", "dev.tranche.sandbox..", "dev.tranche.platform..")
        .check(classes);
    for (String pkg : new String[] {"application", "review", "disbursement", "servicing", "decision", "offer",
        "common"}) {
      noClasses().that().resideInAPackage("dev.tranche." + pkg + "..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.tranche.activities..", "dev.tranche.api..",
              "dev.tranche.workers..", "dev.tranche.temporal..", "dev.tranche.sandbox..", "dev.tranche.platform..")
          .check(classes);
    }
  }

  @Test
  void activities_do_not_know_the_api_or_the_workers() {
    noClasses().that().resideInAPackage("dev.tranche.activities..")
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
  void the_api_talks_to_temporal_only_as_a_client() {
    noClasses().that().resideInAPackage("dev.tranche.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.temporal.worker..", "io.temporal.activity..")
        .check(classes);
  }
}
