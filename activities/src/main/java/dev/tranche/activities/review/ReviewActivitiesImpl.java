package dev.tranche.activities.review;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Json;
import dev.tranche.review.ReviewActivities;
import dev.tranche.review.ReviewTicket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component("reviewActivities")
class ReviewActivitiesImpl implements ReviewActivities {

  private final JdbcClient jdbc;
  private final AuditLog audit;

  ReviewActivitiesImpl(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @Override
  @Transactional
  public void upsertTicket(ReviewTicket t) {
    // A newer revision (or, for reviews without revisions, a new status) wins; a retried or late
    // write of an older one changes nothing and is not audited twice.
    int changed = jdbc.sql("""
            insert into review_queue (application_id, status, reason_codes, score, requested_amount, currency,
              decided_by, verdict, priority, claimed_by, required_role, first_approver, escalated, revision)
            values (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (application_id) do update set status = excluded.status, decided_by = excluded.decided_by,
              verdict = excluded.verdict, priority = excluded.priority, claimed_by = excluded.claimed_by,
              required_role = excluded.required_role, first_approver = excluded.first_approver,
              escalated = excluded.escalated, revision = excluded.revision, updated_at = now()
            where review_queue.revision < excluded.revision
               or (excluded.revision = 0 and review_queue.status is distinct from excluded.status)""")
        .params(UUID.fromString(t.applicationId()), t.status(), Json.write(t.reasonCodes()), t.score(),
            t.requestedAmount().amount(), t.requestedAmount().currency().getCurrencyCode(), t.decidedBy(),
            t.verdict(), t.priority(), t.claimedBy(), t.requiredRole() == null ? "UNDERWRITER" : t.requiredRole(),
            t.firstApprover(), t.escalated(), t.revision())
        .update();
    if (changed > 0) {
      Map<String, Object> details = new HashMap<>();
      details.put("status", t.status());
      details.put("verdict", t.verdict());
      details.put("priority", t.priority());
      details.put("claimedBy", t.claimedBy());
      details.put("requiredRole", t.requiredRole());
      details.put("revision", t.revision());
      String actor = t.actor() != null ? t.actor() : t.decidedBy() == null ? "system:review" : t.decidedBy();
      String action = "REVIEW_" + (t.event() != null ? t.event() : t.status());
      audit.record(actor, action, "application", t.applicationId(), details);
    }
  }
}
