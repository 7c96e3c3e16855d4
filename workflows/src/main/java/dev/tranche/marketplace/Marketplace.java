package dev.tranche.marketplace;

import dev.tranche.decision.Tier;
import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import dev.tranche.offer.TilaDisclosure;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Turns lenders' quotes into the borrower's offers: each priced on our own amortisation, disclosed
 * under Regulation Z, ranked by the total cost to the borrower (the finance charge), cheapest first,
 * ties by APR then lender, and cut to at most {@code max}. Pure and deterministic.
 */
public final class Marketplace {

  private Marketplace() {
  }

  public static List<Offer> rank(List<LenderQuote> quotes, Money principal, Tier tier, long nowMillis,
      long offerValidityMillis, List<String> conditions, int max) {
    LocalDate start = LocalDates.utcDate(nowMillis);
    return quotes.stream()
        .filter(q -> q.lapsesAt(nowMillis) > nowMillis && q.termMonths() > 0 && q.noteRate().signum() >= 0
            && q.originationFee().compareTo(principal) < 0)
        .map(q -> offer(q, principal, tier, start, Math.min(q.lapsesAt(nowMillis), nowMillis + offerValidityMillis),
            conditions))
        .sorted(Comparator.comparing((Offer o) -> o.disclosure().financeCharge())
            .thenComparing(o -> o.disclosure().apr())
            .thenComparing(Offer::lender)
            .thenComparing(Offer::termMonths))
        .limit(max)
        .toList();
  }

  private static Offer offer(LenderQuote q, Money principal, Tier tier, LocalDate start, long expiresAt,
      List<String> conditions) {
    List<Installment> schedule = Amortization.schedule(principal, q.noteRate(), q.termMonths(), start);
    TilaDisclosure disclosure = TilaDisclosure.of(principal, q.originationFee(), schedule, start);
    return new Offer("OFR-" + q.lender() + "-" + q.termMonths(), tier, q.lender(), principal, q.termMonths(),
        q.noteRate(), schedule.getFirst().total(), q.originationFee(), disclosure.totalOfPayments(), expiresAt,
        q.quoteId(), disclosure, conditions);
  }
}
