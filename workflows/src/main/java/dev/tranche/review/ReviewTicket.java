package dev.tranche.review;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * A row in the review queue read model, and the audit event that produced it. {@code revision}
 * grows with every change, so a retried or late write never overwrites a newer one.
 * Status: OPEN, CLAIMED, AWAITING_SECOND_APPROVAL, DECIDED (or EXPIRED).
 */
public record ReviewTicket(String applicationId, String status, List<String> reasonCodes, BigDecimal score,
    Money requestedAmount, String decidedBy, String verdict, long atMillis, int priority, String claimedBy,
    String requiredRole, String firstApprover, boolean escalated, int revision, String event, String actor) {

  public ReviewTicket {
    reasonCodes = List.copyOf(reasonCodes);
  }

  /** The ticket of a review started before claims, priorities and four eyes existed. */
  public ReviewTicket(String applicationId, String status, List<String> reasonCodes, BigDecimal score,
      Money requestedAmount, String decidedBy, String verdict, long atMillis) {
    this(applicationId, status, reasonCodes, score, requestedAmount, decidedBy, verdict, atMillis, 0, null,
        "UNDERWRITER", null, false, 0, null, null);
  }
}
