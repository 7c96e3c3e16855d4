package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.infra.LocalInfrastructure;
import dev.tranche.sandbox.SandboxServer;
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

  @Test
  @org.junit.jupiter.api.Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void killed_during_50_in_flight_applications_the_restarted_platform_finishes_each_once() throws Exception {
    Path data = Files.createTempDirectory("tranche-restart");
    int apiPort = LocalInfrastructure.freePort();
    int temporalPort = LocalInfrastructure.freePort();
    String api = "http://127.0.0.1:" + apiPort;
    Http http = new Http(api);
    try (SandboxServer sandbox = SandboxServer.start(0, api + "/api/v1/webhooks/lenders/sandbox-lender", SECRET)) {
      LocalProcess first = LocalProcess.platform(data, apiPort, temporalPort, sandbox.baseUrl(), SECRET, Map.of());
      // 50 borrowers apply at once; a moment later, with applications verifying, offered, accepted and
      // funding, the platform dies.
      Map<String, String> borrowers = new java.util.concurrent.ConcurrentHashMap<>();
      var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
      List<java.util.concurrent.Future<?>> submissions = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String borrower = "restart-" + i + "-" + UUID.randomUUID();
        submissions.add(pool.submit(() -> {
          String token = token(http, borrower);
          var submitted = http.post("/api/v1/applications", token, FullStackTest.application("111-11-1111"),
              Map.of("Idempotency-Key", "restart-" + borrower));
          assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
          borrowers.put(submitted.json().path("applicationId").asString(), token);
        }));
      }
      for (var submission : submissions) {
        submission.get();
      }
      pool.shutdown();
      long acceptFor = System.nanoTime() + Duration.ofMillis(1500).toNanos();
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
      LocalProcess second = LocalProcess.platform(data, apiPort, temporalPort, sandbox.baseUrl(), SECRET, Map.of());
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
