package dev.tranche.review;

import dev.tranche.money.Money;
import java.util.List;

/**
 * An underwriter's decision, delivered as the {@code decide} update. A counter-offer names a lower
 * {@code counterAmount}, a {@code downPayment}, or both.
 */
public record ReviewDecision(String underwriter, Verdict verdict, List<String> reasonCodes, String notes,
    List<String> roles, Money counterAmount, Money downPayment) {

  public ReviewDecision {
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public ReviewDecision(String underwriter, Verdict verdict, List<String> reasonCodes, String notes) {
    this(underwriter, verdict, reasonCodes, notes, List.of(), null, null);
  }
}
