package dev.tranche.activities.testsupport;

import dev.tranche.activities.infra.LocalInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where tests get PostgreSQL and Redis, once per JVM: an explicit URL from the environment wins
 * ({@code TRANCHE_DB_URL}, {@code TRANCHE_REDIS_URL}); else Testcontainers when a Docker engine
 * answers; else the embedded servers. All three are real servers.
 */
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
  private static Boolean docker;

  private TestInfrastructure() {
  }

  public static synchronized LocalInfrastructure.Database database() {
    if (System.getenv("TRANCHE_DB_URL") == null && dockerAvailable()) {
      PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
      postgres.start();
      LocalInfrastructure.useDatabase(new LocalInfrastructure.Database(postgres.getJdbcUrl(), postgres.getUsername(),
          postgres.getPassword()));
    }
    return LocalInfrastructure.database();
  }

  public static synchronized String redisUrl() {
    if (System.getenv("TRANCHE_REDIS_URL") == null && dockerAvailable()) {
      GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
      return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }
    return LocalInfrastructure.redisUrl();
  }

  private static boolean dockerAvailable() {
    if (docker == null) {
      try {
        docker = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | Error e) {
        docker = false;
      }
      log.info("Docker engine {}; tests use {}", docker ? "found" : "not found",
          docker ? "Testcontainers" : "embedded PostgreSQL and Redis");
    }
    return docker;
  }
}
