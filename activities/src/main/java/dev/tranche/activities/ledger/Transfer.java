package dev.tranche.activities.ledger;

import dev.tranche.money.Money;
import java.util.Currency;
import java.util.List;

/**
 * A balanced set of legs recorded together. The idempotency key is the business key of the money
 * movement (e.g. {@code disbursement:{loanId}}): posting it twice records it once.
 */
public record Transfer(String idempotencyKey, String kind, String loanId, String description, List<Leg> legs) {

  public Transfer {
    legs = List.copyOf(legs);
    if (legs.size() < 2) {
      throw new IllegalArgumentException("a transfer needs at least two legs");
    }
    Currency currency = legs.getFirst().amount().currency();
    Money debits = Money.zero(currency);
    Money credits = Money.zero(currency);
    for (Leg leg : legs) {
      if (leg.side() == Leg.Side.D) {
        debits = debits.plus(leg.amount());
      } else {
        credits = credits.plus(leg.amount());
      }
    }
    if (debits.compareTo(credits) != 0) {
      throw new IllegalArgumentException("unbalanced transfer " + idempotencyKey + ": debits " + debits
          + " credits " + credits);
    }
  }

  public Currency currency() {
    return legs.getFirst().amount().currency();
  }
}
