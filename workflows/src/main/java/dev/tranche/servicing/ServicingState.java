package dev.tranche.servicing;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * What one run of the servicing workflow carries to the next (continue-as-new per installment):
 * the schedule, which installment is next, the loan's money position, and the references of the
 * payments already applied (so a redelivered one is not applied twice). Runs started before
 * servicing existed carry only the first five fields; the rest are filled in on the first run.
 * {@code collateralDebt}: what the vault holds as the debt of a collateralised loan.
 * {@code snapshotRevision}: how many snapshots the loan's runs have written, so the read model keeps
 * the newest one whatever order the writes land in (0 in states written before it was carried).
 */
public record ServicingState(String loanId, List<Installment> schedule, int nextInstallment,
    Money principalOutstanding, List<PaymentReceived> unappliedPayments, LoanTerms terms, LoanPosition position,
    List<String> appliedReferences, List<Integer> openCollections, LocalDate promisedUntil, LoanStatus status,
    LocalDate lastDueDate, List<LateFee> pendingFees, Money collateralDebt, long snapshotRevision) {

  public ServicingState {
    schedule = List.copyOf(schedule);
    unappliedPayments = unappliedPayments == null ? List.of() : List.copyOf(unappliedPayments);
    appliedReferences = appliedReferences == null ? List.of() : List.copyOf(appliedReferences);
    openCollections = openCollections == null ? List.of() : List.copyOf(openCollections);
    pendingFees = pendingFees == null ? List.of() : List.copyOf(pendingFees);
  }

  public ServicingState(String loanId, List<Installment> schedule, int nextInstallment, Money principalOutstanding,
      List<PaymentReceived> unappliedPayments, LoanTerms terms, LoanPosition position, List<String> appliedReferences,
      List<Integer> openCollections, LocalDate promisedUntil, LoanStatus status, LocalDate lastDueDate,
      List<LateFee> pendingFees) {
    this(loanId, schedule, nextInstallment, principalOutstanding, unappliedPayments, terms, position,
        appliedReferences, openCollections, promisedUntil, status, lastDueDate, pendingFees, null, 0);
  }

  public ServicingState(String loanId, List<Installment> schedule, int nextInstallment, Money principalOutstanding,
      List<PaymentReceived> unappliedPayments) {
    this(loanId, schedule, nextInstallment, principalOutstanding, unappliedPayments, null, null, List.of(), List.of(),
        null, null, null, List.of());
  }
}
