package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/dev/portfolio}: a demo portfolio made through the real workflows, once per batch. */
@Order(3)
class DemoPortfolioTest extends FullStackTest {

  @Test
  void a_batch_of_loans_is_funded_through_the_workflows_with_its_payment_mix_set_on_the_rail_once() {
    String ops = token("ops-1", "OPS");
    String batch = "t" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = Map.of("loans", 4, "mix", Map.of("current", 50, "late", 25, "defaulting", 25));
    var started = http.post("/api/v1/dev/portfolio", ops, body, Map.of("Idempotency-Key", batch));
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    assertThat(started.header("Location")).isEqualTo("/api/v1/dev/portfolio/" + batch);

    JsonNode done = awaitHttp(() -> http.get("/api/v1/dev/portfolio/" + batch, ops),
        r -> r.json().path("done").asBoolean(), 120_000).json();
    assertThat(done.path("funded").asInt()).as(done.toString()).isEqualTo(4);
    assertThat(done.path("failed").asInt()).isZero();
    assertThat(count("applications where borrower_id like 'demo-" + batch + "-%' and status = 'FUNDED'"))
        .isEqualTo(4);
    assertThat(count("loans where borrower_id like 'demo-" + batch + "-%'")).isEqualTo(4);

    // The mix is on the rail, per loan: one never pays, one misses its first debit, two pay.
    JsonNode scripts = http.get(FullStack.sandbox().baseUrl() + "/sandbox/rails/scripts", null).json();
    int never = 0;
    int once = 0;
    for (JsonNode loanId : done.path("loanIds")) {
      int rejects = scripts.path("acct-" + loanId.asString()).size();
      never += rejects == 24 ? 1 : 0;
      once += rejects == 1 ? 1 : 0;
    }
    assertThat(never).as(scripts + " for " + done.path("loanIds")).isEqualTo(1);
    assertThat(once).isEqualTo(1);

    // The same batch again is the same batch: no fifth loan.
    var repeated = http.post("/api/v1/dev/portfolio", ops, body, Map.of("Idempotency-Key", batch));
    assertThat(repeated.status()).isEqualTo(202);
    assertThat(repeated.json().path("funded").asInt()).isEqualTo(4);
    assertThat(count("applications where borrower_id like 'demo-" + batch + "-%'")).isEqualTo(4);
    assertThatProblem(http.post("/api/v1/dev/portfolio", ops, Map.of("loans", 5), Map.of("Idempotency-Key", batch)),
        409);
  }

  @Test
  void bad_seeds_are_refused_and_start_nothing() {
    String ops = token("ops-1", "OPS");
    long before = count("applications");
    assertThatProblem(http.post("/api/v1/dev/portfolio", ops, Map.of("loans", 0), Map.of()), 400);
    assertThatProblem(http.post("/api/v1/dev/portfolio", ops, Map.of("loans", 1001), Map.of()), 400);
    assertThatProblem(http.post("/api/v1/dev/portfolio", ops,
        Map.of("loans", 3, "mix", Map.of("current", 50, "late", 25, "defaulting", 15)), Map.of()), 400);
    assertThatProblem(http.post("/api/v1/dev/portfolio", ops, Map.of("loans", 3),
        Map.of("Idempotency-Key", "not a key!")), 400);
    assertThatProblem(http.post("/api/v1/dev/portfolio", token("ada", "BORROWER"), Map.of("loans", 3), Map.of()),
        403);
    assertThatProblem(http.get("/api/v1/dev/portfolio/unknown", ops), 404);
    assertThat(count("applications")).isEqualTo(before);
  }
}
