package dev.tranche.api.review;

import dev.tranche.activities.support.Json;
import dev.tranche.api.review.ReviewController.ReviewItem;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The review queue read model. */
@Component
class ReviewQueries {

  private static final JsonMapper JSON = Json.MAPPER;
  private final JdbcClient jdbc;

  ReviewQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to 200 reviews in {@code statuses}, ordered by {@code order} (a fixed SQL order clause). */
  List<ReviewItem> queue(List<String> statuses, String order) {
    return jdbc.sql("""
            select application_id, status, priority, claimed_by, required_role, first_approver, escalated,
                   reason_codes::text, score, requested_amount, currency, decided_by, verdict, created_at, updated_at
              from review_queue where status in (:statuses) order by\s""" + order + " limit 200")
        .param("statuses", statuses)
        .query((rs, n) -> new ReviewItem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBoolean(7),
            JSON.readerForListOf(String.class).readValue(rs.getString(8)), rs.getBigDecimal(9), rs.getBigDecimal(10),
            rs.getString(11), rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
            rs.getTimestamp(15).toInstant()))
        .list();
  }

  Optional<String> status(UUID applicationId) {
    return jdbc.sql("select status from review_queue where application_id = ?").param(applicationId)
        .query(String.class).optional();
  }
}
