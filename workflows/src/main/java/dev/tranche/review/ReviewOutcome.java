package dev.tranche.review;

import dev.tranche.money.Money;
import java.util.List;

/**
 * The result of a review. For an approval or counter-offer, {@code approvedAmount} is the amount
 * to price and {@code conditions} what the borrower must meet; {@code secondApprover} is set when
 * the amount needed four eyes.
 */
public record ReviewOutcome(String applicationId, Verdict verdict, String underwriter, List<String> reasonCodes,
    String notes, long decidedAtMillis, Money approvedAmount, List<String> conditions, String secondApprover) {

  public ReviewOutcome {
    reasonCodes = List.copyOf(reasonCodes);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public ReviewOutcome(String applicationId, Verdict verdict, String underwriter, List<String> reasonCodes,
      String notes, long decidedAtMillis) {
    this(applicationId, verdict, underwriter, reasonCodes, notes, decidedAtMillis, null, List.of(), null);
  }
}
