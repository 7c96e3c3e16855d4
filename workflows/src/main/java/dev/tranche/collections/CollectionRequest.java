package dev.tranche.collections;

import dev.tranche.money.Money;
import java.time.LocalDate;

/**
 * A missed installment: the ladder is measured from its due date. {@code lateFee} and {@code ladder} are the loan's
 * product's (null in cases opened before products were data: the 1.0 fee and the standard ladder).
 */
public record CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
    Money amountMissed, String zoneId, boolean collateralised, Money lateFee, CollectionLadder ladder) {

  public CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
      Money amountMissed, String zoneId, boolean collateralised, Money lateFee) {
    this(loanId, applicationId, installment, dueDate, amountMissed, zoneId, collateralised, lateFee, null);
  }

  public CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
      Money amountMissed, String zoneId, boolean collateralised) {
    this(loanId, applicationId, installment, dueDate, amountMissed, zoneId, collateralised, null);
  }

  /** The late fee this case assesses: the product's, else the 1.0 fee. */
  public Money lateFeeDue() {
    return lateFee != null ? lateFee : Money.of(CollectionWorkflowImpl.LATE_FEE,
        amountMissed.currency().getCurrencyCode());
  }

  /** The ladder this case walks: the product's, else the standard one. */
  public CollectionLadder ladderDays() {
    return CollectionLadder.orStandard(ladder);
  }

  /** The instant ladder day {@code day} starts: local midnight in the borrower's zone, {@code day} days after due. */
  public long dayStartsAt(int day) {
    return ContactHours.at(dueDate.plusDays(day), java.time.LocalTime.MIDNIGHT, zoneId);
  }
}
