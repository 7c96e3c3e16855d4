package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.infra.LocalInfrastructure;
import dev.tranche.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Worker loss: the workflows and activities run in a workers process of their own against the
 * platform's port-bound Temporal server. While 100 applications are in flight that process is killed
 * with SIGKILL at random moments, three times, and a new one started each time. Every application
 * must reach its terminal status, the lender must hold exactly one loan per funded application, and
 * the ledger must balance and hold one disbursement per loan.
 */
@Order(12)
class WorkerLossTest {

  private static final String SECRET = "worker-loss-lender-secret";
  private static final Set<String> TERMINAL = Set.of("FUNDED", "DECLINED", "FAILED", "EXPIRED");
  private static final int APPLICATIONS = 100;
  private static final int KILLS = 3;

  @Test
  @Timeout(value = 9, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void workers_killed_three_times_during_100_applications_finish_each_once() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = Files.createTempDirectory("tranche-worker-loss");
    int apiPort = LocalInfrastructure.freePort();
    int temporalPort = LocalInfrastructure.freePort();
    Http http = new Http("http://127.0.0.1:" + apiPort);
    try (SandboxServer sandbox = SandboxServer.start(0,
        "http://127.0.0.1:" + apiPort + "/api/v1/webhooks/lenders/sandbox-lender", SECRET)) {
      LocalProcess platform = LocalProcess.platform(data, apiPort, temporalPort, sandbox.baseUrl(), SECRET,
          Map.of("TRANCHE_WORKERS", "false"));
      List<LocalProcess> generations = new ArrayList<>();
      LocalProcess workers = LocalProcess.workers(platform, temporalPort, sandbox.baseUrl(),
          LocalInfrastructure.freePort());
      generations.add(workers);
      ExecutorService pool = Executors.newFixedThreadPool(12);
      try {
        long started = System.nanoTime();
        Map<String, String> borrowers = new ConcurrentHashMap<>();
        List<Future<?>> submissions = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
          String borrower = "worker-loss-" + i + "-" + UUID.randomUUID();
          submissions.add(pool.submit(() -> {
            String token = http.post("/api/v1/dev/tokens", null, Map.of("subject", borrower,
                "roles", List.of("BORROWER"))).json().path("token").asString();
            var submitted = http.post("/api/v1/applications", token, FullStackTest.application("111-11-1111"),
                Map.of("Idempotency-Key", "worker-loss-" + borrower));
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
            borrowers.put(submitted.json().path("applicationId").asString(), token);
          }));
        }
        for (Future<?> submission : submissions) {
          submission.get();
        }

        // The borrowers keep accepting their first offer while the workers die under them.
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Thread borrowing = Thread.ofPlatform().daemon().start(() -> {
          while (!Thread.currentThread().isInterrupted() && outcomes.size() < borrowers.size()) {
            List<Future<?>> round = new ArrayList<>();
            borrowers.forEach((id, token) -> {
              if (!outcomes.containsKey(id)) {
                round.add(pool.submit(() -> {
                  String status = acceptIfOffered(http, id, token);
                  if (TERMINAL.contains(status)) {
                    outcomes.put(id, status);
                  }
                }));
              }
            });
            try {
              for (Future<?> each : round) {
                each.get();
              }
              // Each borrower reads about once a second: well inside the API's 100 requests a minute.
              Thread.sleep(1000);
            } catch (Exception interrupted) {
              return;
            }
          }
        });

        for (int kill = 1; kill <= KILLS; kill++) {
          Thread.sleep(2000 + random.nextInt(6000));
          System.out.printf("worker loss: kill %d of the workers with applications at %s%n", kill,
              statuses(http, borrowers));
          workers.process.destroyForcibly().waitFor();
          workers = LocalProcess.workers(platform, temporalPort, sandbox.baseUrl(), LocalInfrastructure.freePort());
          generations.add(workers);
        }
        long lastStart = System.nanoTime();
        borrowing.join(Duration.ofMinutes(5));
        borrowing.interrupt();
        Map<String, Long> histogram = new TreeMap<>();
        outcomes.values().forEach(status -> histogram.merge(status, 1L, Long::sum));
        System.out.printf("worker loss (seed %d): %d of %d applications terminal %s, %d s after the last restart,"
                + " %d s in all%n", seed, outcomes.size(), borrowers.size(), histogram,
            (System.nanoTime() - lastStart) / 1_000_000_000, (System.nanoTime() - started) / 1_000_000_000);
        if (outcomes.size() < borrowers.size()) {
          diagnose(http, borrowers.keySet().stream().filter(id -> !outcomes.containsKey(id)).toList(), data);
        }
        assertThat(outcomes.size()).as("terminal applications; all at %s", statuses(http, borrowers))
            .isEqualTo(borrowers.size());

        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
            platform.text().replaceAll("(?s).*PostgreSQL\\s+(jdbc:\\S+).*", "$1"), "postgres", "postgres"));
        String ids = "'" + String.join("','", borrowers.keySet()) + "'";
        JsonNode lenderLoans = Http.JSON.readTree(http.get(sandbox.baseUrl() + "/sandbox/lender/loans", null).text());
        List<String> loans = jdbc.sql("select id::text from loans where application_id in (" + ids + ")")
            .query(String.class).list();
        assertThat(loans).hasSize((int) outcomes.values().stream().filter("FUNDED"::equals).count());
        for (String loanId : loans) {
          assertThat(lenderLoans.valueStream().filter(l -> l.path("reference").asString().equals(loanId)).count())
              .as("lender loans for %s", loanId).isEqualTo(1);
          assertThat(jdbc.sql("select count(*) from ledger_transfers where loan_id = ?::uuid and kind = 'DISBURSEMENT'")
              .param(loanId).query(Long.class).single()).as("disbursement postings of %s", loanId).isEqualTo(1);
        }
        String ops = http.post("/api/v1/dev/tokens", null, Map.of("subject", "ops-worker-loss", "roles",
            List.of("OPS"))).json().path("token").asString();
        JsonNode trial = http.get("/api/v1/ledger/trial-balance", ops).json();
        assertThat(trial.path("balanced").asBoolean()).as(trial.toString()).isTrue();
      } finally {
        for (int g = 0; g < generations.size(); g++) {
          Files.writeString(data.resolve("workers-" + g + ".log"), generations.get(g).text());
        }
        Files.writeString(data.resolve("platform.log"), platform.text());
        System.out.println("worker loss: process output kept in " + data);
        pool.shutdownNow();
        workers.process.destroy();
        workers.process.waitFor();
        platform.process.destroy();
        platform.process.waitFor();
      }
    }
  }

  /** Prints the tail of each stuck application's history and of its disbursement's, for the failure report. */
  private static void diagnose(Http http, List<String> stuck, Path data) throws Exception {
    String ops = http.post("/api/v1/dev/tokens", null, Map.of("subject", "ops-worker-loss", "roles",
        List.of("OPS"))).json().path("token").asString();
    StringBuilder report = new StringBuilder();
    for (String id : stuck) {
      JsonNode application = http.get("/api/v1/ops/workflows/application-" + id + "/history", ops).json();
      report.append(tail(application));
      for (JsonNode event : application.path("events")) {
        if (event.path("eventType").asString().equals("EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED")) {
          String child = event.path("attributes").findPath("workflowId").asString();
          report.append(tail(http.get("/api/v1/ops/workflows/" + child + "/history", ops).json()));
        }
      }
    }
    Files.writeString(data.resolve("stuck.txt"), report);
    System.out.println(report);
  }

  private static String tail(JsonNode history) {
    StringBuilder out = new StringBuilder(history.path("workflowId").asString()).append('\n');
    int size = history.path("events").size();
    for (int i = Math.max(0, size - 14); i < size; i++) {
      JsonNode event = history.path("events").path(i);
      String attributes = event.path("attributes").toString();
      out.append("  ").append(event.path("eventId").asLong()).append(' ').append(event.path("eventTime").asString())
          .append(' ').append(event.path("eventType").asString()).append(' ')
          .append(attributes, 0, Math.min(400, attributes.length())).append('\n');
    }
    return out.toString();
  }

  private static Map<String, Long> statuses(Http http, Map<String, String> borrowers) {
    Map<String, Long> statuses = new TreeMap<>();
    borrowers.forEach((id, token) -> statuses.merge(status(http, id, token), 1L, Long::sum));
    return statuses;
  }

  private static String status(Http http, String id, String token) {
    try {
      Http.Response view = http.get("/api/v1/applications/" + id, token);
      return view.status() == 200 ? view.json().path("status").asString() : "HTTP " + view.status();
    } catch (IllegalStateException unreachable) {
      return "UNREACHABLE";
    }
  }

  /** The application's status; an OFFERED one is accepted (its first offer) on the way. */
  private static String acceptIfOffered(Http http, String id, String token) {
    String status = status(http, id, token);
    if (status.equals("OFFERED")) {
      try {
        JsonNode offers = http.get("/api/v1/applications/" + id + "/offers", token).json();
        String offerId = offers == null ? null : offers.path("offers").path(0).path("offerId").asString(null);
        if (offerId != null) {
          http.post("/api/v1/applications/" + id + "/acceptance", token,
              Map.of("offerId", offerId, "signatureName", "Ada Prime"));
        }
      } catch (IllegalStateException timedOut) {
        // the workers are down; the next round asks again
      }
    }
    return status;
  }
}
