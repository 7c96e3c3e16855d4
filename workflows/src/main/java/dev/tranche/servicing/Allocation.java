package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.util.List;

/**
 * How one payment was applied, in order: past-due penalties, fees, interest, principal due, then the
 * excess to principal (shortening the term) or held as a credit for the next installment. Also which
 * installments' arrears it covered, so a returned payment can be reversed exactly.
 */
public record Allocation(String paymentReference, Money amount, Money penalties, Money fees, Money interest,
    Money principalDue, Money principalPrepaid, Money credit, List<Arrear> covered) {

  public Allocation {
    covered = List.copyOf(covered);
  }

  /** Principal reduced by this payment (due and prepaid). */
  public Money principal() {
    return principalDue.plus(principalPrepaid);
  }
}
