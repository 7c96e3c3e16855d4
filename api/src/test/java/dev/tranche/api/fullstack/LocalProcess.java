package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A part of Tranche run as a process of its own, from this test JVM's classpath, for the fault runs that
 * kill it: the embedded platform, or a workers process. Its output is kept for assertions and messages.
 */
final class LocalProcess {

  final Process process;
  private final StringBuilder output = new StringBuilder();

  private LocalProcess(String mainClass, Map<String, String> env, String ready) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-cp", System.getProperty("java.class.path"), mainClass).redirectErrorStream(true);
    builder.environment().remove("TRANCHE_DB_URL");
    builder.environment().remove("TRANCHE_REDIS_URL");
    builder.environment().putAll(env);
    process = builder.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (Exception ended) {
        // the process is gone
      }
    }, "local-process-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!text().contains(ready)) {
      assertThat(process.isAlive()).as("%s died at start:\n%s", mainClass, text()).isTrue();
      assertThat(System.nanoTime()).as("%s did not start in 3 min:\n%s", mainClass, text()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** The embedded platform on the given ports and data directory, its providers at {@code sandbox}. */
  static LocalProcess platform(Path data, int apiPort, int temporalPort, String sandbox, String webhookSecret,
      Map<String, String> more) throws Exception {
    Map<String, String> env = new HashMap<>(more);
    env.put("TRANCHE_DATA_DIR", data.toString());
    env.put("PORT", String.valueOf(apiPort));
    env.put("TEMPORAL_PORT", String.valueOf(temporalPort));
    env.put("TRANCHE_SANDBOX_URL", sandbox);
    for (String secret : new String[] {"TRANCHE_LENDER_WEBHOOK_SECRET", "TRANCHE_NORTHWIND_WEBHOOK_SECRET",
        "TRANCHE_BLUEBANK_WEBHOOK_SECRET", "TRANCHE_CEDAR_WEBHOOK_SECRET"}) {
      env.put(secret, webhookSecret);
    }
    env.put("TRANCHE_FUNDING_WEBHOOK_WAIT_SECONDS", "10");
    env.put("TRANCHE_FUNDING_POLL_INTERVAL_SECONDS", "2");
    // The banner's last line: the servers it names (read by workers()) are all printed by then.
    return new LocalProcess("dev.tranche.platform.TranchePlatform", env, "Ctrl-C stops everything.");
  }

  /** A workers process against a platform's servers (read from its banner) and the providers at {@code sandbox}. */
  static LocalProcess workers(LocalProcess platform, int temporalPort, String sandbox, int port) throws Exception {
    String banner = platform.text();
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("TRANCHE_DB_URL", banner.replaceAll("(?s).*PostgreSQL\\s+(jdbc:\\S+).*", "$1"));
    env.put("TRANCHE_DB_USER", "postgres");
    env.put("TRANCHE_DB_PASSWORD", "postgres");
    env.put("TRANCHE_REDIS_URL", banner.replaceAll("(?s).*Redis\\s+(redis://\\S+).*", "$1"));
    for (String provider : new String[] {"KYC", "BUREAU", "BANK_DATA", "LENDER", "NORTHWIND", "BLUEBANK", "CEDAR",
        "PAYMENT_RAIL", "COLLECTION_AGENCY"}) {
      env.put("TRANCHE_" + provider + "_URL", sandbox);
    }
    for (String lender : new String[] {"NORTHWIND", "BLUEBANK", "CEDAR"}) {
      env.put("TRANCHE_" + lender + "_FUNDING_URL", sandbox + "/lenders/" + lender.toLowerCase(java.util.Locale.ROOT));
    }
    env.put("TWILIO_API_HOST", sandbox);
    env.put("TRANCHE_WORKERS_PORT", String.valueOf(port));
    // From this classpath the API's application.yml is read first, and it takes the port from PORT (8080 by
    // default, which a platform already running on the machine holds).
    env.put("PORT", String.valueOf(port));
    // Against the embedded server: no sticky queues to strand, and tasks it lost are repaired.
    env.put("TRANCHE_WORKFLOW_CACHE_SIZE", "0");
    env.put("TRANCHE_REPAIR_LOST_TASK_AFTER", "30s");
    // A worker process of the embedded platform runs on its development secrets.
    env.put("SPRING_PROFILES_ACTIVE", "development-secrets");
    return new LocalProcess("dev.tranche.workers.WorkersApplication", env, "Started WorkersApplication");
  }

  String text() {
    synchronized (output) {
      return output.toString();
    }
  }
}
