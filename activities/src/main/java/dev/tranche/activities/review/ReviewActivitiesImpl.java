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
    int changed = jdbc.sql("""
            insert into review_queue (application_id, status, reason_codes, score, requested_amount, currency,
              decided_by, verdict)
            values (?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            on conflict (application_id) do update set status = excluded.status, decided_by = excluded.decided_by,
              verdict = excluded.verdict, updated_at = now()
            where review_queue.status is distinct from excluded.status""")
        .params(UUID.fromString(t.applicationId()), t.status(), Json.write(t.reasonCodes()), t.score(),
            t.requestedAmount().amount(), t.requestedAmount().currency().getCurrencyCode(), t.decidedBy(),
            t.verdict())
        .update();
    if (changed > 0) {
      Map<String, Object> details = new HashMap<>();
      details.put("status", t.status());
      details.put("verdict", t.verdict());
      audit.record(t.decidedBy() == null ? "system:review" : t.decidedBy(), "REVIEW_" + t.status(), "application",
          t.applicationId(), details);
    }
  }
}
