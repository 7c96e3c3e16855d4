package dev.tranche.servicing;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import java.util.List;

/**
 * A loan the lender has funded: everything the store needs to book it, its schedule and the
 * disbursement's ledger posting, in one transaction.
 */
public record FundedLoan(String loanId, String applicationId, String borrowerId, String lender, String lenderLoanId,
    Offer offer, long fundedAtMillis, List<Installment> schedule) {

  public FundedLoan {
    schedule = List.copyOf(schedule);
  }

  public Money netProceeds() {
    return offer.principal().minus(offer.originationFee());
  }
}
