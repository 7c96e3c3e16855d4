package dev.tranche.activities.review;

import dev.tranche.activities.support.Json;
import dev.tranche.activities.support.Refused;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.review.ManualReviewWorkflow;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The underwriters' desk, shared by the API and the console: the queue (read model, ordered by priority
 * then age) and the review workflow of an undecided review, whose updates claim, release and decide.
 */
@Component
public class ReviewDesk {

  /** One review as the queue shows it. */
  public record ReviewItem(String applicationId, String status, int priority, String claimedBy, String requiredRole,
      String firstApprover, boolean escalated, List<String> reasonCodes, BigDecimal score, Money requestedAmount,
      String decidedBy, String verdict, Instant createdAt, Instant updatedAt) {
  }

  public static final List<String> STATUSES = List.of("OPEN", "CLAIMED", "AWAITING_SECOND_APPROVAL", "DECIDED",
      "EXPIRED");
  public static final List<String> UNDECIDED = List.of("OPEN", "CLAIMED", "AWAITING_SECOND_APPROVAL");
  /** The orders the queue can be read in, as fixed SQL order clauses. */
  public static final Map<String, String> SORTS = Map.of(
      "priority", "priority desc, created_at, application_id",
      "age", "created_at, application_id");

  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  ReviewDesk(JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** Up to 200 reviews in {@code statuses}, in the order named by {@code sort} (a key of {@link #SORTS}). */
  public List<ReviewItem> queue(List<String> statuses, String sort) {
    return jdbc.sql(SELECT + " where status in (:statuses) order by " + SORTS.get(sort) + " limit 200")
        .param("statuses", statuses).query((rs, n) -> item(rs)).list();
  }

  public Optional<ReviewItem> find(UUID applicationId) {
    return jdbc.sql(SELECT + " where application_id = :id").param("id", applicationId).query((rs, n) -> item(rs))
        .optional();
  }

  /** The review workflow of an undecided review, to act on through its updates. */
  public ManualReviewWorkflow open(UUID applicationId) {
    String status = find(applicationId).map(ReviewItem::status)
        .orElseThrow(() -> Refused.notFound("review for application " + applicationId));
    if (!UNDECIDED.contains(status)) {
      throw Refused.conflict("the review of application " + applicationId + " is already " + status);
    }
    return temporal.getObject().newWorkflowStub(ManualReviewWorkflow.class,
        WorkflowIds.review(applicationId.toString()));
  }

  private static final String SELECT = """
      select application_id, status, priority, claimed_by, required_role, first_approver, escalated,
             reason_codes::text, score, requested_amount, currency, decided_by, verdict, created_at, updated_at
        from review_queue""";

  private static ReviewItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ReviewItem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getBoolean(7), List.of(Json.read(rs.getString(8), String[].class)), rs.getBigDecimal(9),
        Money.of(rs.getBigDecimal(10), rs.getString(11)), rs.getString(12), rs.getString(13),
        rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant());
  }
}
