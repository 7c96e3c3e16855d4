package dev.tranche.review;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;

/** Why an application needs a person, and what is at stake. */
public record ReviewRequest(String applicationId, List<String> reasonCodes, BigDecimal score, Money requestedAmount,
    long reviewWindowSeconds) {

  public ReviewRequest {
    reasonCodes = List.copyOf(reasonCodes);
  }
}
