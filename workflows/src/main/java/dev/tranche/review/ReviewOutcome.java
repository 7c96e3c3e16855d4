package dev.tranche.review;

import java.util.List;

/** The result of a review. */
public record ReviewOutcome(String applicationId, Verdict verdict, String underwriter, List<String> reasonCodes,
    String notes, long decidedAtMillis) {

  public ReviewOutcome {
    reasonCodes = List.copyOf(reasonCodes);
  }
}
