package dev.tranche.review;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;

/** A row in the review queue read model. */
public record ReviewTicket(String applicationId, String status, List<String> reasonCodes, BigDecimal score,
    Money requestedAmount, String decidedBy, String verdict, long atMillis) {

  public ReviewTicket {
    reasonCodes = List.copyOf(reasonCodes);
  }
}
