package dev.tranche.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.common.Roles;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of docker-compose.yml without a Docker engine (there is none on the build machine):
 * it parses; every service has an image or a build, a health check (one-shot jobs: a restart on failure and
 * dependants waiting for their success instead) and a restart policy; every dependency waits on a condition
 * the dependency can meet; every environment variable set for Tranche's processes is one they read, and
 * every secret they require is set; published ports are unique, named volumes declared and mounted files
 * present; the identity provider's realm holds Tranche's roles and the clients compose points at; Prometheus
 * scrapes the management ports. With a Docker engine present, {@code docker compose config} must accept it.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> ONE_SHOT = Set.of("temporal-setup", "chain-setup");
  private static final Set<String> TRANCHE_JAVA = Set.of("api", "workers", "chain-worker");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[?-][^}]*)?}");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(100);
    return (Map<String, Object>) new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) compose().get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new HashMap<>();
    Object given = service.get("environment");
    if (given instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    } else if (given instanceof List<?> list) {
      list.forEach(e -> env.put(String.valueOf(e).split("=", 2)[0], String.valueOf(e).split("=", 2)[1]));
    }
    return env;
  }

  @Test
  void every_service_has_an_image_a_health_check_a_restart_policy_and_waits_for_healthy_dependencies()
      throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsKeys("postgresql", "temporal", "temporal-setup", "temporal-ui", "redis", "keycloak",
        "anvil", "chain-setup", "sandbox", "workers", "chain-worker", "api", "prometheus", "grafana");
    services.forEach((name, service) -> {
      assertThat(service.get("image") != null || service.get("build") != null).as(name + ": image or build").isTrue();
      if (ONE_SHOT.contains(name)) {
        assertThat(service.get("restart")).as(name + ": a one-shot job retries until it succeeds")
            .isEqualTo("on-failure");
      } else {
        assertThat(service.get("healthcheck")).as(name + ": health check").isNotNull();
        assertThat(service.get("restart")).as(name + ": restart policy").isEqualTo("unless-stopped");
      }
      Object dependsOn = service.getOrDefault("depends_on", Map.of());
      assertThat(dependsOn).as(name + ": depends_on names its conditions").isInstanceOf(Map.class);
      ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> {
        assertThat(services).as(name + " depends on " + dependency).containsKey(String.valueOf(dependency));
        String wanted = String.valueOf(((Map<?, ?>) condition).get("condition"));
        if (ONE_SHOT.contains(String.valueOf(dependency))) {
          assertThat(wanted).as(name + " waits for " + dependency).isEqualTo("service_completed_successfully");
        } else {
          assertThat(wanted).as(name + " waits for " + dependency).isEqualTo("service_healthy");
        }
      });
    });
  }

  @Test
  void the_chain_signer_is_one_replica_and_the_workers_scale_without_it() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(environment(services.get("chain-worker"))).containsEntry("SPRING_PROFILES_ACTIVE", "chain-only");
    assertThat(((Map<?, ?>) services.get("chain-worker").get("deploy")).get("replicas")).isEqualTo(1);
    assertThat(environment(services.get("workers"))).containsEntry("SPRING_PROFILES_ACTIVE", "without-chain");
    String common = Files.readString(ROOT.resolve("workers/src/main/resources/tranche-common.yml"));
    String withoutChain = common.substring(common.indexOf("on-profile: without-chain"),
        common.indexOf("on-profile: chain-only"));
    assertThat(withoutChain).contains("task-queue: applications", "task-queue: servicing")
        .doesNotContain("task-queue: chain");
    assertThat(common.substring(common.indexOf("on-profile: chain-only"))).contains("task-queue: chain")
        .doesNotContain("task-queue: applications", "task-queue: servicing");
  }

  /** The environment variables a Tranche process reads: its configuration's placeholders and getenv calls. */
  private static Set<String> readByTranche() throws IOException {
    Set<String> read = new HashSet<>();
    for (String file : List.of("workers/src/main/resources/tranche-common.yml",
        "workers/src/main/resources/application.yml", "workers/src/main/resources/application-development-secrets.yml",
        "api/src/main/resources/application.yml")) {
      Matcher m = PLACEHOLDER.matcher(Files.readString(ROOT.resolve(file)));
      while (m.find()) {
        read.add(m.group(1));
      }
    }
    read.addAll(getenvIn("api/src/main", "workers/src/main", "activities/src/main", "contracts/src/main"));
    return read;
  }

  private static Set<String> getenvIn(String... roots) throws IOException {
    Set<String> read = new HashSet<>();
    Pattern getenv = Pattern.compile("(?:getenv|getOrDefault)\\(\"([A-Z][A-Z0-9_]*)\"");
    for (String root : roots) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = getenv.matcher(Files.readString(file));
          while (m.find()) {
            read.add(m.group(1));
          }
        }
      }
    }
    return read;
  }

  /** Spring Boot binds these from the environment by their relaxed names. */
  private static boolean boundBySpring(String name) {
    if (name.startsWith("SPRING_") || name.startsWith("MANAGEMENT_") || name.startsWith("LOGGING_")
        || name.startsWith("OTEL_")) {
      return true;
    }
    Matcher chain = Pattern.compile("TRANCHE_CHAINS_[A-Z0-9]+_([A-Z]+)").matcher(name);
    if (chain.matches()) {
      Set<String> fields = Arrays.stream(ChainProperties.ChainConfig.class
          .getRecordComponents()).map(c -> c.getName().toUpperCase(Locale.ROOT)).collect(
          Collectors.toSet());
      return fields.contains(chain.group(1));
    }
    return false;
  }

  @Test
  void every_variable_compose_sets_for_tranche_is_read_and_every_required_secret_is_set() throws IOException {
    Map<String, Map<String, Object>> services = services();
    Set<String> read = readByTranche();
    for (String name : TRANCHE_JAVA) {
      Set<String> unread = new TreeSet<>();
      environment(services.get(name)).keySet().forEach(variable -> {
        if (!read.contains(variable) && !boundBySpring(variable)) {
          unread.add(variable);
        }
      });
      assertThat(unread).as(name + ": set but never read").isEmpty();
    }
    Set<String> sandboxReads = getenvIn("sandbox/src/main");
    environment(services.get("sandbox")).keySet().forEach(variable -> assertThat(
        sandboxReads.contains(variable) || variable.startsWith("SANDBOX_LENDER_WEBHOOK_SECRET_"))
        .as("sandbox reads " + variable).isTrue());

    Map<String, List<String>> required = Map.of(
        "workers", requiredSecrets("workers/src/main/resources/tranche-common.yml"),
        "chain-worker", requiredSecrets("workers/src/main/resources/tranche-common.yml"),
        "api", concat(requiredSecrets("workers/src/main/resources/tranche-common.yml"),
            requiredSecrets("api/src/main/resources/application.yml")));
    required.forEach((name, secrets) -> assertThat(environment(services.get(name))).as(name)
        .containsKeys(secrets.toArray(String[]::new)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The environment variable each {@code tranche.secrets.required} entry names (its hint's first word). */
  private static List<String> requiredSecrets(String file) throws IOException {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\"\\[[a-z.-]+]\": \"([A-Z_]+) ").matcher(Files.readString(ROOT.resolve(file)));
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).as(file).isNotEmpty();
    return names;
  }

  @Test
  void secrets_come_from_the_environment_never_from_defaults_in_the_file() throws IOException {
    String file = Files.readString(ROOT.resolve("docker-compose.yml"));
    Matcher m = COMPOSE_VARIABLE.matcher(file);
    Set<String> defaulted = new TreeSet<>();
    while (m.find()) {
      if (m.group(2) == null || !m.group(2).startsWith(":?")) {
        defaulted.add(m.group(0));
      }
    }
    assertThat(defaulted).as("variables with a default or no check").isEmpty();
    String secrets = Files.readString(ROOT.resolve("deploy/secrets.sh"));
    Matcher used = COMPOSE_VARIABLE.matcher(file);
    while (used.find()) {
      assertThat(secrets).as("deploy/secrets.sh writes " + used.group(1)).contains(used.group(1) + "=");
    }
  }

  @Test
  void ports_are_published_once_named_volumes_are_declared_and_mounted_files_exist() throws IOException {
    Map<String, Object> compose = compose();
    Set<String> published = new HashSet<>();
    Set<String> declared = ((Map<?, ?>) compose.get("volumes")).keySet().stream().map(String::valueOf)
        .collect(Collectors.toSet());
    services().forEach((name, service) -> {
      for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
        String host = String.valueOf(port).split(":")[0];
        assertThat(published.add(host)).as(name + " publishes host port " + host + " once").isTrue();
      }
      for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
        String source = String.valueOf(volume).split(":")[0];
        if (source.startsWith(".")) {
          assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
        } else {
          assertThat(declared).as(name + " uses volume " + source).contains(source);
        }
      }
    });
  }

  @Test
  void the_realm_holds_tranches_roles_and_the_clients_compose_points_at() throws IOException {
    JsonNode realm = JsonMapper.builder().build().readTree(Files.readString(
        ROOT.resolve("deploy/keycloak/tranche-realm.json")));
    Set<String> roles = new TreeSet<>();
    realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asString()));
    Set<String> expected = new TreeSet<>();
    for (var field : Roles.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          expected.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    // Partners and merchants authenticate with API keys, not the identity provider.
    expected.remove(Roles.PARTNER);
    expected.remove(Roles.MERCHANT);
    assertThat(roles).isEqualTo(expected);
    Set<String> clients = new TreeSet<>();
    realm.path("clients").forEach(c -> {
      clients.add(c.path("clientId").asString());
      assertThat(c.path("protocolMappers").toString()).as("roles and audience mappers")
          .contains("\"claim.name\":\"roles\"", "\"included.custom.audience\":\"tranche-api\"");
    });
    Map<String, String> api = environment(services().get("api"));
    Map<String, String> ui = environment(services().get("temporal-ui"));
    assertThat(clients).contains(api.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_TRANCHE_CLIENTID"),
        ui.get("TEMPORAL_AUTH_CLIENT_ID"), "tranche-cli");
    assertThat(api.get("TRANCHE_OIDC_ISSUER")).isEqualTo(environment(services().get("keycloak")).get("KC_HOSTNAME")
        + "/realms/" + realm.path("realm").asString());
    assertThat(ui.get("TEMPORAL_CODEC_ENDPOINT")).endsWith("/api/v1/codec");
    assertThat(api.get("TRANCHE_CODEC_CORS_ORIGINS")).isEqualTo("http://localhost:8233");
  }

  @Test
  void prometheus_scrapes_the_management_ports() throws IOException {
    String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
    assertThat(prometheus).contains("api:" + environment(services().get("api")).get("MANAGEMENT_SERVER_PORT"))
        .contains("/actuator/prometheus");
    assertThat(Files.readString(ROOT.resolve("workers/src/main/resources/application.yml")))
        .contains("TRANCHE_WORKERS_PORT:8081");
    assertThat(prometheus).contains("port: 8081");
  }

  /** The file parses as compose's YAML (anchors and merges included); where Docker exists, compose agrees. */
  @Test
  void it_parses_and_where_a_docker_engine_exists_docker_compose_accepts_it() throws Exception {
    assertThat(compose()).containsKeys("services", "volumes");
    boolean docker;
    try {
      Process probe = new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
      docker = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException none) {
      docker = false;
    }
    if (!docker) {
      System.out.println("no Docker engine here: `docker compose config` not run; the YAML parse stands");
      return;
    }
    ProcessBuilder config = new ProcessBuilder("docker", "compose", "-f", "docker-compose.yml", "config", "-q")
        .directory(ROOT.toFile()).redirectErrorStream(true);
    Matcher m = COMPOSE_VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    while (m.find()) {
      config.environment().put(m.group(1), "x");
    }
    Process process = config.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }
}
