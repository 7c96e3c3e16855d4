package dev.tranche.collections;

import dev.tranche.money.Money;
import java.time.LocalDate;

/** A missed installment: the ladder is measured from its due date. */
public record CollectionRequest(String loanId, String applicationId, int installment, LocalDate dueDate,
    Money amountMissed, String zoneId, boolean collateralised) {
}
