package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.infra.LocalInfrastructure;
import dev.tranche.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded platform, a process of its own, is killed with SIGKILL while 50 applications are in
 * flight and started again on the same data directory: its children die with it, the repair pass
 * brings every application on from what PostgreSQL holds, and nothing happens twice at the lender
 * (the providers run in this JVM, so they outlive the platform).
 */
@Order(11)
class PlatformRestartTest {

  private static final String SECRET = "restart-lender-secret";
  private static final Set<String> TERMINAL = Set.of("FUNDED", "DECLINED", "FAILED", "EXPIRED");

  /** One run of {@code dev.tranche.platform.TranchePlatform} on fixed ports and a given data directory. */
  private static final class Platform {
    final Process process;
    final StringBuilder output = new StringBuilder();

    Platform(Path data, int apiPort, int temporalPort, String sandbox) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx768m", "-cp", System.getProperty("java.class.path"), "dev.tranche.platform.TranchePlatform")
          .redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.remove("TRANCHE_DB_URL");
      env.remove("TRANCHE_REDIS_URL");
      env.put("TRANCHE_DATA_DIR", data.toString());
      env.put("PORT", String.valueOf(apiPort));
      env.put("TEMPORAL_PORT", String.valueOf(temporalPort));
      env.put("TRANCHE_SANDBOX_URL", sandbox);
      env.put("TRANCHE_LENDER_WEBHOOK_SECRET", SECRET);
      env.put("TRANCHE_NORTHWIND_WEBHOOK_SECRET", SECRET);
      env.put("TRANCHE_BLUEBANK_WEBHOOK_SECRET", SECRET);
      env.put("TRANCHE_CEDAR_WEBHOOK_SECRET", SECRET);
      env.put("TRANCHE_FUNDING_WEBHOOK_WAIT_SECONDS", "10");
      env.put("TRANCHE_FUNDING_POLL_INTERVAL_SECONDS", "2");
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
      }, "platform-output");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!text().contains("Tranche is up")) {
        assertThat(process.isAlive()).as("the platform died at start:\n%s", text()).isTrue();
        assertThat(System.nanoTime()).as("the platform did not start in 3 min:\n%s", text()).isLessThan(deadline);
        Thread.sleep(200);
      }
    }

    String text() {
      synchronized (output) {
        return output.toString();
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 9, unit = java.util.concurrent.TimeUnit.MINUTES)
  void killed_during_50_in_flight_applications_the_restarted_platform_finishes_each_once() throws Exception {
    Path data = Files.createTempDirectory("tranche-restart");
    int apiPort = LocalInfrastructure.freePort();
    int temporalPort = LocalInfrastructure.freePort();
    String api = "http://127.0.0.1:" + apiPort;
    Http http = new Http(api);
    try (SandboxServer sandbox = SandboxServer.start(0, api + "/api/v1/webhooks/lenders/sandbox-lender", SECRET)) {
      Platform first = new Platform(data, apiPort, temporalPort, sandbox.baseUrl());
      Map<String, String> borrowers = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        String borrower = "restart-" + i + "-" + UUID.randomUUID();
        String token = token(http, borrower);
        var submitted = http.post("/api/v1/applications", token, FullStackTest.application("111-11-1111"),
            Map.of("Idempotency-Key", "restart-" + borrower));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        borrowers.put(submitted.json().path("applicationId").asString(), token);
      }
      // Borrowers accept as offers arrive; the platform dies with some funded, some funding, some not yet offered.
      long acceptFor = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < acceptFor) {
        borrowers.forEach((id, token) -> acceptIfOffered(http, id, token));
      }
      Map<String, Long> atKill = new java.util.TreeMap<>();
      borrowers.forEach((id, token) -> atKill.merge(http.get("/api/v1/applications/" + id, token).json()
          .path("status").asString(), 1L, Long::sum));
      System.out.printf("platform restart: killing the platform with applications at %s%n", atKill);
      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
      first.process.destroyForcibly().waitFor();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
          .as("the killed platform's PostgreSQL was stopped").isFalse();

      long restarted = System.nanoTime();
      Platform second = new Platform(data, apiPort, temporalPort, sandbox.baseUrl());
      try {
        Map<String, String> outcomes = new LinkedHashMap<>();
        long bound = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (outcomes.size() < borrowers.size() && System.nanoTime() < bound) {
          borrowers.forEach((id, token) -> {
            if (!outcomes.containsKey(id)) {
              String status = acceptIfOffered(http, id, token);
              if (TERMINAL.contains(status)) {
                outcomes.put(id, status);
              }
            }
          });
          Thread.sleep(200);
        }
        long seconds = (System.nanoTime() - restarted) / 1_000_000_000;
        Map<String, Long> histogram = new java.util.TreeMap<>();
        outcomes.values().forEach(s -> histogram.merge(s, 1L, Long::sum));
        System.out.printf("platform restart: %d of %d applications terminal %s, %d s after the restart began%n",
            outcomes.size(), borrowers.size(), histogram, seconds);
        assertThat(outcomes).as(second.text().lines().filter(l -> l.contains("repair pass")).toList().toString())
            .hasSize(borrowers.size());

        JsonNode lenderLoans = Http.JSON.readTree(http.get(sandbox.baseUrl() + "/sandbox/lender/loans", null).text());
        List<String> funded = new ArrayList<>();
        outcomes.forEach((id, status) -> {
          if (status.equals("FUNDED")) {
            funded.add(http.get("/api/v1/applications/" + id, borrowers.get(id)).json().path("loanId").asString());
          }
        });
        for (String loanId : funded) {
          assertThat(lenderLoans.valueStream().filter(l -> l.path("reference").asString().equals(loanId)).count())
              .as("lender loans for %s", loanId).isEqualTo(1);
        }
        String ops = http.post("/api/v1/dev/tokens", null, Map.of("subject", "ops-restart", "roles", List.of("OPS")))
            .json().path("token").asString();
        JsonNode trial = http.get("/api/v1/ledger/trial-balance", ops).json();
        assertThat(trial.path("balanced").asBoolean()).as(trial.toString()).isTrue();
        assertThat(second.text()).contains("repair pass at start");
        second.text().lines().filter(l -> l.contains("repair pass")).forEach(System.out::println);
      } finally {
        second.process.destroy();
        second.process.waitFor();
      }
    }
  }

  private static String token(Http http, String subject) {
    return http.post("/api/v1/dev/tokens", null, Map.of("subject", subject, "roles", List.of("BORROWER")))
        .json().path("token").asString();
  }

  /** The application's status; an OFFERED one is accepted (its first offer) on the way. */
  private static String acceptIfOffered(Http http, String id, String token) {
    Http.Response view;
    try {
      view = http.get("/api/v1/applications/" + id, token);
    } catch (IllegalStateException down) {
      return "UNREACHABLE";
    }
    String status = view.status() == 200 ? view.json().path("status").asString() : "UNKNOWN";
    if (status.equals("OFFERED")) {
      JsonNode offers = http.get("/api/v1/applications/" + id + "/offers", token).json();
      String offerId = offers == null ? null : offers.path("offers").path(0).path("offerId").asString(null);
      if (offerId != null) {
        http.post("/api/v1/applications/" + id + "/acceptance", token,
            Map.of("offerId", offerId, "signatureName", "Ada Prime"));
      }
    }
    return status;
  }
}
