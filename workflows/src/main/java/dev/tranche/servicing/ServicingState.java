package dev.tranche.servicing;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import java.util.List;

/**
 * What one run of the servicing workflow carries to the next (continue-as-new per installment):
 * the schedule, which installment is next, and payments received but not yet applied.
 */
public record ServicingState(String loanId, List<Installment> schedule, int nextInstallment,
    Money principalOutstanding, List<PaymentReceived> unappliedPayments) {

  public ServicingState {
    schedule = List.copyOf(schedule);
    unappliedPayments = unappliedPayments == null ? List.of() : List.copyOf(unappliedPayments);
  }
}
