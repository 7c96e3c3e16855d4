package dev.tranche.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded platform under measurement, as a process of its own (its own JVM, like {@code ./tranche}) on ports
 * that leave a running {@code ./tranche} alone; its memory is read from {@code /proc}, its CPU recorded with JFR
 * through {@code jcmd}.
 */
final class Platform implements AutoCloseable {

  static final int API_PORT = 18080;
  static final int SANDBOX_PORT = 18090;
  static final int TEMPORAL_PORT = 17233;

  private final Process process;
  private final Path log;

  private Platform(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Platform start(Path jar, Path work) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B -q install -DskipTests)");
    }
    Files.createDirectories(work);
    Path log = work.resolve("platform.log");
    List<String> command = new ArrayList<>(List.of(javaTool("java").toString(), "-jar", jar.toString(), "--fresh"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SERVER_PORT", String.valueOf(API_PORT));
    env.put("SANDBOX_PORT", String.valueOf(SANDBOX_PORT));
    env.put("TEMPORAL_PORT", String.valueOf(TEMPORAL_PORT));
    env.put("TRANCHE_DATA_DIR", work.resolve("postgres").toString());
    env.put("TRANCHE_RATE_LIMIT_PER_MINUTE", "100000000");
    env.put("TRANCHE_PUBLIC_URL", "http://127.0.0.1:" + API_PORT);
    Platform platform = new Platform(builder.start(), log);
    platform.awaitHealthy(Duration.ofMinutes(4));
    return platform;
  }

  long pid() {
    return process.pid();
  }

  String api() {
    return "http://127.0.0.1:" + API_PORT;
  }

  String sandbox() {
    return "http://127.0.0.1:" + SANDBOX_PORT;
  }

  String temporal() {
    return "127.0.0.1:" + TEMPORAL_PORT;
  }

  private void awaitHealthy(Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the platform stopped while starting; see " + log);
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(api() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the platform was not healthy within " + limit + "; see " + log);
  }

  /** VmHWM (peak resident set) and VmRSS of the platform's JVM, in MiB. */
  Map<String, Double> memoryMiB() throws IOException {
    double peak = 0;
    double now = 0;
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = kib(line) / 1024.0;
      } else if (line.startsWith("VmRSS:")) {
        now = kib(line) / 1024.0;
      }
    }
    return Map.of("peakRssMiB", peak, "rssMiB", now);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  void jcmd(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaTool("jcmd").toString(), String.valueOf(pid())));
    command.addAll(List.of(arguments));
    Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + out);
    }
  }

  private static Path javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
