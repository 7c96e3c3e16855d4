package dev.tranche.review;

import java.util.List;

/** An underwriter's decision, delivered as the {@code decide} update. */
public record ReviewDecision(String underwriter, Verdict verdict, List<String> reasonCodes, String notes) {

  public ReviewDecision {
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
  }
}
