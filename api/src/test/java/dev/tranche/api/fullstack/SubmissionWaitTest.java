package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A borrower need not poll: with {@code Prefer: wait=N} the submission answers with the decision once it is on
 * record (the workflow holds the request open through an update), and falls back to 202 when the preference is
 * not understood.
 */
class SubmissionWaitTest extends FullStackTest {

  private Http.Response submit(String borrower, String ssn, String prefer, String key) {
    Map<String, Object> body = application(ssn);
    return http.post("/api/v1/applications", token(borrower, "BORROWER"), body,
        Map.of("Idempotency-Key", key, "Prefer", prefer));
  }

  @Test
  void the_decision_comes_back_on_the_submission_when_asked_to_wait() {
    String borrower = "wait-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    var offered = submit(borrower, "111-11-1111", "wait=20", key);
    assertThat(offered.status()).as(offered.text()).isEqualTo(201);
    assertThat(offered.header("Preference-Applied")).isEqualTo("wait=20");
    String id = offered.json().path("applicationId").asString();
    assertThat(offered.header("Location")).isEqualTo("/api/v1/applications/" + id);
    assertThat(offered.json().path("status").asString()).isEqualTo("OFFERED");
    assertThat(http.get("/api/v1/applications/" + id + "/offers", token(borrower, "BORROWER")).json()
        .path("offers").size()).isPositive();

    // The same submission again (same key): the same application, decided already.
    var again = submit(borrower, "111-11-1111", "respond-async, wait=5", key);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("applicationId").asString()).isEqualTo(id);

    // An underwriter's queue is a decision too, as far as the borrower's wait goes.
    var review = submit("wait-" + UUID.randomUUID(), "222-22-2222", "wait=20", UUID.randomUUID().toString());
    assertThat(review.status()).as(review.text()).isEqualTo(201);
    assertThat(review.json().path("status").asString()).isEqualTo("IN_REVIEW");

    // Not understood: ignored, as RFC 7240 asks — 202 as without it.
    var ignored = submit("wait-" + UUID.randomUUID(), "111-11-1111", "wait=soon", UUID.randomUUID().toString());
    assertThat(ignored.status()).isEqualTo(202);
    assertThat(ignored.header("Preference-Applied")).isNull();
  }
}
