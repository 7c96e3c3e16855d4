package dev.tranche.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflows module is pure: no Spring, JDBC, Redis, HTTP, web3j or Twilio, in code or on the classpath. */
class WorkflowsModuleTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tranche");

  @Test
  void workflow_code_touches_no_infrastructure() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
            "javax.sql..", "org.redisson..", "java.net..", "java.net.http..", "org.web3j..", "com.twilio..",
            "java.io..", "java.nio.file..", "java.util.concurrent..")
        .check(classes);
  }

  @Test
  void workflow_code_does_not_read_clocks_or_random() {
    // Every class of the module, not only the *WorkflowImpl: their helpers run on the workflow thread too.
    // Time and ids come from Workflow (currentTimeMillis, randomUUID); Instant and LocalDate only convert.
    noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDate.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .check(classes);
  }

  @Test
  void infrastructure_is_not_even_on_the_classpath() {
    for (String name : List.of("org.springframework.context.ApplicationContext", "org.postgresql.Driver",
        "org.redisson.Redisson", "com.twilio.Twilio", "org.web3j.protocol.Web3j")) {
      assertThat(loadable(name)).as(name).isFalse();
    }
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name, false, WorkflowsModuleTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
