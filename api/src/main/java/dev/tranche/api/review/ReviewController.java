package dev.tranche.api.review;

import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.WorkflowIds;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewDecision;
import dev.tranche.review.ReviewOutcome;
import dev.tranche.review.Verdict;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The underwriters' queue and their decisions, delivered to the review workflow as an update. */
@RestController
@RequestMapping("/api/v1/reviews")
class ReviewController {

  record DecisionRequest(@NotNull Verdict verdict,
      @Size(max = 4) List<@Pattern(regexp = "^[A-Z_]{2,40}$") String> reasonCodes,
      @Size(max = 2000) String notes) {
  }

  record ReviewItem(String applicationId, String status, List<String> reasonCodes, BigDecimal score,
      BigDecimal requestedAmount, String currency, String decidedBy, String verdict, Instant createdAt) {
  }

  private static final Set<String> STATUSES = Set.of("OPEN", "DECIDED");

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final JsonMapper json = JsonMapper.builder().build();

  ReviewController(JdbcClient jdbc, WorkflowClient temporal) {
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  @GetMapping
  Map<String, Object> queue(@RequestParam(defaultValue = "OPEN") String status) {
    if (!STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + STATUSES);
    }
    List<ReviewItem> items = jdbc.sql("""
            select application_id, status, reason_codes::text, score, requested_amount, currency, decided_by, verdict,
                   created_at
              from review_queue where status = ? order by created_at limit 200""")
        .param(status)
        .query((rs, n) -> new ReviewItem(rs.getString(1), rs.getString(2),
            json.readerForListOf(String.class).readValue(rs.getString(3)), rs.getBigDecimal(4),
            rs.getBigDecimal(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
        .list();
    return Map.of("status", status, "items", items);
  }

  @PostMapping("/{applicationId}/decision")
  ReviewOutcome decide(@PathVariable UUID applicationId, @Valid @RequestBody DecisionRequest request,
      Authentication auth) {
    if (request.verdict() == Verdict.EXPIRED) {
      throw ApiProblem.badRequest("verdict must be APPROVE or DECLINE");
    }
    String status = jdbc.sql("select status from review_queue where application_id = ?").param(applicationId)
        .query(String.class).optional()
        .orElseThrow(() -> ApiProblem.notFound("review for application " + applicationId));
    if (!status.equals("OPEN")) {
      throw ApiProblem.conflict("the review of application " + applicationId + " is already " + status);
    }
    ManualReviewWorkflow review = temporal.newWorkflowStub(ManualReviewWorkflow.class,
        WorkflowIds.review(applicationId.toString()));
    return review.decide(new ReviewDecision(auth.getName(), request.verdict(),
        request.reasonCodes() == null ? List.of() : request.reasonCodes(), request.notes()));
  }
}
