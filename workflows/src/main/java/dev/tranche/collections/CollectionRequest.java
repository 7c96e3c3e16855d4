package dev.tranche.collections;

import dev.tranche.money.Money;
import java.time.LocalDate;

/**
 * A missed installment: the ladder is measured from its due date. {@code lateFee} is the loan's product's (null in
 * cases opened before products were data: the 1.0 fee).
 */
public record CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
    Money amountMissed, String zoneId, boolean collateralised, Money lateFee) {

  public CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
      Money amountMissed, String zoneId, boolean collateralised) {
    this(loanId, applicationId, installment, dueDate, amountMissed, zoneId, collateralised, null);
  }
}
