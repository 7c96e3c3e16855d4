package dev.tranche.servicing;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;

/**
 * An installment's autopay debit: asked of the rail when the installment falls due, applied at once
 * when the rail accepts it, then watched for a return one banking day at a time (ACH returns arrive
 * up to a few banking days later). A return reverses the payment and charges the returned-payment fee.
 */
final class AutopayWatch {

  /** How many banking days after the due date a debit is watched. */
  static final int WATCH_DAYS = 5;

  /** A debit the rail returned: its key, the amount reversed and the rail's return code. */
  record Returned(String key, Money amount, String code) {
  }

  private final String loanId;
  private final ServicingActivities servicing;
  private final LoanAccount account;
  private Debit debit;
  private Allocation allocation;
  private int day;

  AutopayWatch(String loanId, ServicingActivities servicing, LoanAccount account) {
    this.loanId = loanId;
    this.servicing = servicing;
    this.account = account;
  }

  /** The banking day of the next check while a debit is watched, else null. */
  Integer watchedDay() {
    return debit == null ? null : day;
  }

  /** Installment {@code n} fell due: what is still owed of it is debited, when the borrower has autopay. */
  void debit(int n, Installment due) {
    Arrear owed = account.owed(n);
    LoanTerms terms = account.terms();
    if (!terms.autopay() || owed == null) {
      return;
    }
    Debit asked = servicing.initiateDebit(new Debit(loanId, "autopay:" + loanId + ":" + n, terms.autopayAccount(),
        owed.remaining(), due.dueDate(), null, null, null));
    if (asked.status() == DebitStatus.PENDING) {
      allocation = account.applyDebit(asked, owed.remaining());
      debit = asked;
      day = 1;
    }
  }

  /** Asks the rail how the debit stands on its next banking day. Returns the return, if it was returned. */
  Returned check(Installment due) {
    Debit now = servicing.debitStatus(new DebitCheck(debit, due.dueDate().plusDays(day)));
    if (now.status() == DebitStatus.RETURNED) {
      account.debitReturned(allocation, debit.idempotencyKey());
      Returned returned = new Returned(debit.idempotencyKey(), allocation.amount(), String.valueOf(now.returnCode()));
      stop();
      return returned;
    }
    day++;
    if (day > WATCH_DAYS) {
      stop();
    }
    return null;
  }

  private void stop() {
    debit = null;
    allocation = null;
  }
}
