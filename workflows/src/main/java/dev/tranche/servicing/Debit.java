package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.time.LocalDate;

/** An autopay debit through the payment rail: accepted now, settled or returned days later. */
public record Debit(String loanId, String idempotencyKey, String account, Money amount, LocalDate effectiveDate,
    String debitId, DebitStatus status, String returnCode) {

  public Debit with(String newDebitId, DebitStatus newStatus, String newReturnCode) {
    return new Debit(loanId, idempotencyKey, account, amount, effectiveDate, newDebitId, newStatus, newReturnCode);
  }
}
