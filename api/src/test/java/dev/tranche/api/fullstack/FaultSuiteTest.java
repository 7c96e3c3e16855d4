package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.infra.LocalInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The fault suite over the embedded stack: applications driven as borrowers would (submit, accept the
 * first offer) while providers fail or PostgreSQL restarts. Every application must end terminal (or
 * parked for ops and then finished once resumed), and nothing is done twice: one lender loan per funded
 * application, one disbursement posting per loan, each text once, a balanced ledger.
 */
@Order(5)
class FaultSuiteTest extends FullStackTest {

  private static final Set<String> TERMINAL = Set.of("FUNDED", "DECLINED", "FAILED", "EXPIRED");

  @Test
  void with_providers_failing_30_percent_and_slow_every_application_ends_and_no_side_effect_is_doubled()
      throws Exception {
    long started = System.nanoTime();
    sandboxKnobs(0.3, 20);
    Map<String, String> outcomes;
    try {
      outcomes = drive(100, "chaos", Duration.ofMinutes(4), null);
    } finally {
      sandboxKnobs(0, 0);
    }
    outcomes.putAll(resumeParked(outcomes));
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    System.out.printf("provider chaos: %d applications, outcomes %s, converged in %d s%n", outcomes.size(),
        histogram(outcomes), seconds);
    assertThat(outcomes.values()).allMatch(TERMINAL::contains);
    assertNothingDoubled(outcomes.keySet());
  }

  @Test
  void a_postgresql_restart_in_the_middle_of_a_run_loses_and_doubles_nothing() throws Exception {
    // The restart is of the embedded PostgreSQL the tests started; a given server is not ours to restart.
    Assumptions.assumeTrue(LocalInfrastructure.embeddedDatabase(), "PostgreSQL is not the embedded one");
    long started = System.nanoTime();
    Map<String, String> outcomes = drive(20, "pg-restart", Duration.ofMinutes(3),
        () -> LocalInfrastructure.restartEmbeddedDatabase(Duration.ofSeconds(3)));
    outcomes.putAll(resumeParked(outcomes));
    System.out.printf("PostgreSQL restart: %d applications, outcomes %s, converged in %d s%n", outcomes.size(),
        histogram(outcomes), (System.nanoTime() - started) / 1_000_000_000);
    assertThat(outcomes.values()).allMatch(TERMINAL::contains);
    assertNothingDoubled(outcomes.keySet());
  }

  /**
   * {@code count} borrowers apply at once and accept their first offer; {@code midway} runs once half
   * of them have been submitted. Returns each application's last status (terminal or NEEDS_ATTENTION).
   */
  private Map<String, String> drive(int count, String tag, Duration bound, Runnable midway) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> runs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String borrower = tag + "-" + i + "-" + UUID.randomUUID();
        runs.add(pool.submit(() -> borrow(borrower, bound)));
        if (midway != null && i == count / 2) {
          Thread.sleep(500);
          midway.run();
        }
      }
      Map<String, String> outcomes = new LinkedHashMap<>();
      for (Future<String[]> run : runs) {
        String[] result = run.get();
        outcomes.put(result[0], result[1]);
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One borrower: apply, accept the first offer if any, wait for the end. Returns {id, last status}. */
  private String[] borrow(String borrower, Duration bound) {
    String token = token(borrower, "BORROWER");
    Http.Response submitted;
    do {
      // A 503 while PostgreSQL restarts is safe to retry with the same key.
      submitted = http.post("/api/v1/applications", token, application("111-11-1111"),
          Map.of("Idempotency-Key", "fault-" + borrower));
    } while (submitted.status() == 503 && pause());
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.json().path("applicationId").asString();
    long deadline = System.nanoTime() + bound.toNanos();
    boolean accepted = false;
    String last = "SUBMITTED";
    while (System.nanoTime() < deadline) {
      Http.Response view = http.get("/api/v1/applications/" + id, token);
      if (view.status() == 200) {
        last = view.json().path("status").asString();
        if (TERMINAL.contains(last) || last.equals("NEEDS_ATTENTION")) {
          return new String[] {id, last};
        }
        if (last.equals("OFFERED") && !accepted) {
          JsonNode offers = http.get("/api/v1/applications/" + id + "/offers", token).json();
          String offerId = offers == null ? null : offers.path("offers").path(0).path("offerId").asString(null);
          if (offerId != null) {
            int answer = http.post("/api/v1/applications/" + id + "/acceptance", token,
                Map.of("offerId", offerId, "signatureName", "Ada Prime")).status();
            accepted = answer == 200;
          }
        }
      }
      pause();
    }
    return new String[] {id, last};
  }

  /** Ops resume what a provider outage parked, once the providers are back; returns the new outcomes. */
  private Map<String, String> resumeParked(Map<String, String> outcomes) {
    Map<String, String> after = new LinkedHashMap<>();
    String ops = token("ops-fault", "OPS");
    outcomes.forEach((id, status) -> {
      if (status.equals("NEEDS_ATTENTION")) {
        assertThat(http.post("/api/v1/ops/applications/" + id + "/resume", ops, Map.of()).status()).isEqualTo(202);
        String borrower = jdbc.sql("select borrower_id from applications where id = ?::uuid").param(id)
            .query(String.class).single();
        after.put(id, finish(id, token(borrower, "BORROWER"), ops));
      }
    });
    return after;
  }

  /**
   * Waits for a resumed application to end, accepting its offer on the way. One that parks again (a
   * lender's circuit still cooling down from the outage when its quotes were asked again) is resumed
   * again, as ops would, at most every 15 s.
   */
  private String finish(String id, String token, String ops) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long resumedAt = System.nanoTime();
    String last = "NEEDS_ATTENTION";
    boolean accepted = false;
    while (System.nanoTime() < deadline && !TERMINAL.contains(last)) {
      last = http.get("/api/v1/applications/" + id, token).json().path("status").asString();
      if (last.equals("NEEDS_ATTENTION") && System.nanoTime() - resumedAt > Duration.ofSeconds(15).toNanos()
          && http.post("/api/v1/ops/applications/" + id + "/resume", ops, Map.of()).status() == 202) {
        resumedAt = System.nanoTime();
      }
      if (last.equals("OFFERED") && !accepted) {
        String offerId = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").path(0)
            .path("offerId").asString();
        accepted = http.post("/api/v1/applications/" + id + "/acceptance", token,
            Map.of("offerId", offerId, "signatureName", "Ada Prime")).status() == 200;
      }
      pause();
    }
    return last;
  }

  private void assertNothingDoubled(Set<String> applications) {
    String ids = "'" + String.join("','", applications) + "'";
    JsonNode lenderLoans = Http.JSON.readTree(http.get(FullStack.sandbox().baseUrl() + "/sandbox/lender/loans", null)
        .text());
    for (String loanId : jdbc.sql("select id::text from loans where application_id in (" + ids + ")")
        .query(String.class).list()) {
      long atLender = lenderLoans.valueStream().filter(l -> l.path("reference").asString().equals(loanId)).count();
      assertThat(atLender).as("lender loans for " + loanId).isEqualTo(1);
      assertThat(count("ledger_transfers where loan_id = '" + loanId + "' and kind = 'DISBURSEMENT'")).isEqualTo(1);
    }
    assertThat(count("loans where application_id in (" + ids + ")"))
        .isEqualTo(count("applications where id in (" + ids + ") and status = 'FUNDED'"));
    // Each text once: no message body about these applications reached Twilio twice.
    List<String> refs = applications.stream().map(id -> id.substring(0, 8)).toList();
    List<String> bodies = Http.JSON.readTree(http.get(FullStack.sandbox().baseUrl() + "/sandbox/twilio/messages",
        null).text()).valueStream().map(m -> m.path("body").asString())
        .filter(body -> refs.stream().anyMatch(body::contains)).toList();
    assertThat(bodies).isNotEmpty().doesNotHaveDuplicates();
    assertThat(jdbc.sql("""
            select coalesce(sum(case when direction = 'D' then amount else -amount end), 0) = 0 from ledger_entries""")
        .query(Boolean.class).single()).as("debits = credits").isTrue();
  }

  private void sandboxKnobs(double errorRate, long latencyMillis) {
    http.post(FullStack.sandbox().baseUrl() + "/sandbox/knobs", null,
        Map.of("errorRate", errorRate, "latencyMillis", latencyMillis));
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      http.post(FullStack.sandbox().baseUrl() + "/sandbox/lenders/" + lender + "/funding-knobs", null,
          Map.of("errorRate", errorRate));
    }
  }

  private static String histogram(Map<String, String> outcomes) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    outcomes.values().forEach(s -> counts.merge(s, 1L, Long::sum));
    return counts.toString();
  }

  private static boolean pause() {
    sleep(100);
    return true;
  }
}
