package dev.tranche.activities.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.common.FailureType;
import dev.tranche.decision.Tier;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.MarketplaceActivities;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The three lenders over real HTTP, the Redis circuit breaker and the Redis quote cache. */
class MarketplaceActivitiesTest extends ActivitiesIntegrationTest {

  @Autowired
  MarketplaceActivities market;
  @Autowired
  LenderCircuitBreaker breaker;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void healLenders() throws Exception {
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      knobs(lender, "{\"latencyMillis\":0,\"errorRate\":0}");
      breaker.reset(lender);
    }
  }

  private static QuoteRequest request(String lender, String amount, Tier tier) {
    return new QuoteRequest(UUID.randomUUID().toString(), lender, Money.of(amount, "USD"), tier, new BigDecimal("700"));
  }

  @Test
  void each_lender_is_normalised_from_its_own_wire_format() {
    LenderQuotes northwind = market.requestQuotes(request("northwind", "10000.00", Tier.A));
    assertThat(northwind.quotes()).hasSize(3).allSatisfy(q -> {
      assertThat(q.originationFee()).isEqualTo(Money.of("100.00", "USD"));
      assertThat(q.quoteId()).startsWith("nw_");
    });
    assertThat(northwind.quotes().getFirst().noteRate()).isEqualByComparingTo("7.99");

    LenderQuotes blue = market.requestQuotes(request("bluebank", "10000.00", Tier.B));
    assertThat(blue.quotes()).extracting(q -> q.termMonths()).containsExactly(36, 48);
    assertThat(blue.quotes()).allSatisfy(q -> {
      assertThat(q.noteRate()).isEqualByComparingTo("13.49");
      assertThat(q.originationFee()).isEqualTo(Money.of("0.00", "USD"));
    });
    assertThat(market.requestQuotes(request("bluebank", "10000.00", Tier.C)).quotes()).isEmpty();

    LenderQuotes cedar = market.requestQuotes(request("cedar", "10000.00", Tier.A));
    assertThat(cedar.quotes()).hasSize(3).allSatisfy(q -> {
      assertThat(q.noteRate()).isEqualByComparingTo("7.25");
      assertThat(q.originationFee()).isEqualTo(Money.of("400.00", "USD"));
      assertThat(q.expiresAtMillis()).isGreaterThan(System.currentTimeMillis() + 11 * 3600_000L);
    });
  }

  @Test
  void quotes_are_served_from_redis_while_valid() throws Exception {
    QuoteRequest request = request("northwind", "5000.00", Tier.B);
    long before = requests("northwind");
    LenderQuotes first = market.requestQuotes(request);
    LenderQuotes again = market.requestQuotes(request);
    assertThat(first.cached()).isFalse();
    assertThat(again.cached()).isTrue();
    // The same quotes as the lender gave them; only how long they are still good for has shrunk since.
    assertThat(again.quotes()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("validForMillis")
        .isEqualTo(first.quotes());
    for (int i = 0; i < first.quotes().size(); i++) {
      assertThat(again.quotes().get(i).validForMillis()).isPositive()
          .isLessThanOrEqualTo(first.quotes().get(i).validForMillis());
    }
    assertThat(requests("northwind")).isEqualTo(before + 1);
  }

  @Test
  void a_lender_that_keeps_failing_is_taken_out_of_rotation_then_tried_again_after_the_cool_down() throws Exception {
    knobs("bluebank", "{\"errorRate\":1.0}");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> market.requestQuotes(request("bluebank", "1000.00", Tier.A)))
          .isInstanceOf(LenderHttp.LenderUnavailableException.class);
    }
    long asked = requests("bluebank");
    assertThatThrownBy(() -> market.requestQuotes(request("bluebank", "1000.00", Tier.A)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(FailureType.LENDER_UNAVAILABLE.name());
          assertThat(f.isNonRetryable()).isTrue();
        });
    assertThat(requests("bluebank")).as("an open circuit does not call the lender").isEqualTo(asked);
    // Another worker sees the same circuit: the state is in Redis, not in this bean.
    assertThat(breaker.isOpen("bluebank")).isTrue();

    knobs("bluebank", "{\"errorRate\":0}");
    long deadline = System.currentTimeMillis() + 10_000;
    while (breaker.isOpen("bluebank") && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(market.requestQuotes(request("bluebank", "1000.00", Tier.A)).quotes()).isNotEmpty();
    assertThat(requests("bluebank")).isEqualTo(asked + 1);
  }

  @Test
  void a_half_open_circuit_lets_exactly_one_of_many_concurrent_callers_through() throws Exception {
    String lender = "breaker-" + UUID.randomUUID();
    breaker.recordFailure(lender);
    assertThat(breaker.failureWindowLeft(lender)).as("the window's expiry is set with the first failure")
        .isPositive();
    breaker.recordFailure(lender);
    breaker.recordFailure(lender);
    assertThat(breaker.isOpen(lender)).isTrue();
    assertThat(breaker.tryAcquire(lender)).as("open: nobody calls").isFalse();
    long deadline = System.currentTimeMillis() + 10_000;
    while (breaker.isOpen(lender) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      var answers = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return breaker.tryAcquire(lender);
        }));
      }
      start.countDown();
      int through = 0;
      for (var answer : answers) {
        through += answer.get() ? 1 : 0;
      }
      assertThat(through).as("one trial call while half-open").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    breaker.recordFailure(lender);
    assertThat(breaker.isOpen(lender)).as("a failed trial re-opens at once").isTrue();
    breaker.reset(lender);
    assertThat(breaker.tryAcquire(lender)).isTrue();
    assertThat(breaker.tryAcquire(lender)).as("closed: everyone calls").isTrue();
  }

  @Test
  void a_hung_lender_fails_at_the_deadline_and_an_unknown_lender_is_refused() throws Exception {
    knobs("cedar", "{\"latencyMillis\":5000}");
    // The lender would answer after 5 s; the call gives up at its own request timeout instead.
    assertThatThrownBy(() -> market.requestQuotes(request("cedar", "1000.00", Tier.A)))
        .isInstanceOf(LenderHttp.LenderUnavailableException.class)
        .hasMessageContaining("HttpTimeoutException");
    assertThatThrownBy(() -> market.requestQuotes(request("nobody", "1000.00", Tier.A)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("NOT_FOUND"));
  }

  private void knobs(String lender, String body) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/lenders/" + lender + "/knobs"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private long requests(String lender) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/lenders/" + lender
        + "/stats")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return Long.parseLong(body.replaceAll(".*\"quoteRequests\":(\\d+).*", "$1"));
  }
}
