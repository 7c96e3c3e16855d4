package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Underwriting over HTTP: four eyes, a counter-offer, and (last, because it moves the shared
 * server's clock) the SLA escalation ending in a senior's decline and its adverse action notice.
 */
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnderwritingFlowTest extends FullStackTest {

  private String uw1;
  private String uw2;

  @BeforeEach
  void underwriters() {
    uw1 = token("uw-1", "UNDERWRITER");
    uw2 = token("uw-2", "UNDERWRITER");
  }

  private String inReview(String borrower, String amount) {
    String id = submit(borrower, "222-22-2222", amount);
    awaitApplication(id, token(borrower, "BORROWER"), status("IN_REVIEW"));
    awaitReview(id, uw1);
    return id;
  }

  private Http.Response act(String id, String action, String token, Map<String, Object> body) {
    return http.post("/api/v1/reviews/" + id + "/" + action, token, body);
  }

  private JsonNode queueItem(String id, String token) {
    for (JsonNode item : http.get("/api/v1/reviews", token).json().path("items")) {
      if (item.path("applicationId").asString().equals(id)) {
        return item;
      }
    }
    return null;
  }

  private JsonNode awaitQueueItem(String id, String token, Predicate<JsonNode> condition) {
    JsonNode[] found = new JsonNode[1];
    awaitHttp(() -> http.get("/api/v1/reviews", token), r -> {
      found[0] = queueItem(id, token);
      return found[0] != null && condition.test(found[0]);
    });
    return found[0];
  }

  @Test
  @Order(1)
  void above_25000_an_approval_needs_a_second_different_underwriter() {
    String borrower = "foureyes-" + UUID.randomUUID();
    String id = inReview(borrower, "30000.00");
    assertThat(act(id, "claim", uw1, Map.of()).status()).isEqualTo(200);
    var first = act(id, "decision", uw1, Map.of("verdict", "APPROVE", "reasonCodes", List.of("VERIFIED_INCOME")));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.json().path("status").asString()).isEqualTo("AWAITING_SECOND_APPROVAL");
    assertThat(http.get("/api/v1/applications/" + id, token(borrower, "BORROWER")).json().path("status").asString())
        .isEqualTo("IN_REVIEW");

    var self = act(id, "claim", uw1, Map.of());
    assertThatProblem(self, 409);
    assertThat(self.json().path("detail").asString()).contains("different underwriter");
    assertThatProblem(act(id, "decision", uw2, Map.of("verdict", "APPROVE", "reasonCodes", List.of("OK_TO_LEND"))), 409);
    assertThat(act(id, "claim", uw2, Map.of()).status()).isEqualTo(200);
    var second = act(id, "decision", uw2, Map.of("verdict", "APPROVE", "reasonCodes", List.of("VERIFIED_INCOME")));
    assertThat(second.status()).as(second.text()).isEqualTo(200);
    assertThat(second.json().path("decidedBy").asString()).isEqualTo("uw-1,uw-2");

    awaitApplication(id, token(borrower, "BORROWER"), status("OFFERED"));
    assertThat(count("audit_log where subject_id = '" + id + "' and action in ('REVIEW_FIRST_APPROVAL',"
        + " 'REVIEW_SECOND_APPROVAL')")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void a_counter_offer_with_a_down_payment_is_priced_on_the_lower_amount() {
    String borrower = "counter-" + UUID.randomUUID();
    String id = inReview(borrower, "12000.00");
    act(id, "claim", uw1, Map.of());
    var countered = act(id, "decision", uw1, Map.of("verdict", "COUNTER_OFFER", "reasonCodes", List.of("HIGH_DTI"),
        "downPayment", Map.of("amount", 2000.00, "currency", "USD")));
    assertThat(countered.status()).as(countered.text()).isEqualTo(200);
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("OFFERED"));
    for (JsonNode offer : http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers")) {
      assertThat(amount(offer.path("principal"))).isEqualByComparingTo("10000.00");
      assertThat(offer.path("conditions").toString()).contains("DOWN_PAYMENT 2000.00");
    }
  }

  /** Time-skipped on the embedded server: 4 h unclaimed, then 24 h undecided. */
  @Test
  @Order(9)
  void an_unclaimed_then_undecided_review_rises_escalates_to_a_senior_and_a_decline_sends_its_notice() {
    String borrower = "sla-" + UUID.randomUUID();
    String id = inReview(borrower, "12000.00");
    assertThat(queueItem(id, uw1).path("priority").asInt()).isZero();
    FullStack.skipTime(Duration.ofHours(4).plusMinutes(1));
    awaitQueueItem(id, uw1, item -> item.path("priority").asInt() == 1);
    assertThat(act(id, "claim", uw1, Map.of()).status()).isEqualTo(200);

    FullStack.skipTime(Duration.ofHours(20));
    JsonNode escalated = awaitQueueItem(id, uw1, item -> item.path("escalated").asBoolean());
    assertThat(escalated.has("claimedBy")).as("absent values are left out").isFalse();
    assertThat(escalated.path("requiredRole").asString()).isEqualTo("SENIOR_UNDERWRITER");
    JsonNode top = http.get("/api/v1/reviews?sort=priority", uw1).json().path("items").get(0);
    assertThat(top.path("applicationId").asString()).isEqualTo(id);
    var refused = act(id, "claim", uw1, Map.of());
    assertThatProblem(refused, 409);
    assertThat(refused.json().path("detail").asString()).contains("SENIOR_UNDERWRITER");

    String senior = token("senior-1", "SENIOR_UNDERWRITER");
    assertThat(act(id, "claim", senior, Map.of()).status()).isEqualTo(200);
    var declined = act(id, "decision", senior, Map.of("verdict", "DECLINE",
        "reasonCodes", List.of("THIN_FILE", "INSUFFICIENT_BANK_HISTORY"), "notes", "two tradelines, 3 months of data"));
    assertThat(declined.status()).as(declined.text()).isEqualTo(200);

    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("DECLINED"));
    JsonNode notice = http.get("/api/v1/applications/" + id + "/adverse-action-notice", token).json();
    assertThat(notice.path("decidedBy").asString()).isEqualTo("underwriter:senior-1");
    assertThat(notice.path("principalReasons").toString()).contains("Your credit history is too limited.",
        "Your bank account history is too short or irregular.");
    assertThat(notice.path("creditScore").asInt()).isBetween(300, 850);
    assertThat(smsSent()).contains("could not approve application " + id.substring(0, 8) + ". Principal reasons:");
    assertThat(count("audit_log where subject_id = '" + id + "' and action in ('REVIEW_PRIORITY_RAISED',"
        + " 'REVIEW_ESCALATED')")).isEqualTo(2);
  }
}
