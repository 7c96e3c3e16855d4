package dev.tranche.servicing;

import io.temporal.activity.ActivityInterface;

/**
 * The loan's money and its outside world. Every posting is one balanced ledger transfer, idempotent
 * by its business key, so a retried activity never moves money twice.
 */
@ActivityInterface
public interface ServicingActivities {

  /** The loan's servicing terms from the loan book (time zone, payment reference, autopay account). */
  LoanTerms terms(String loanId);

  /** Interest falls due: Dr loan interest receivable, Cr interest income. Key {@code accrual:{loanId}:{n}}. */
  void postAccrual(InterestAccrual accrual);

  /** A payment, as allocated: Dr cash, Cr penalties/fees/interest/principal/credit. Key {@code payment:{ref}}. */
  void postPayment(LoanAllocation payment);

  /** A returned payment: the exact reverse of its posting. Key {@code return:{ref}}. */
  void postReturn(LoanAllocation returned);

  /** A late fee (penalty) or a returned-payment fee. */
  void postFee(FeeCharge fee);

  /** Charge-off: what was owed moves to the charged-off loss account. */
  void postChargeOff(ChargeOff chargeOff);

  /** A payment on a charged-off loan: Dr cash, Cr recoveries. */
  void postRecovery(Recovery recovery);

  /** Keeps the loan's read model (balances, days past due, bucket) and the state to restart from. */
  void recordSnapshot(LoanSnapshot snapshot);

  /** Stores a new schedule version; earlier versions are kept. */
  void storeSchedule(ScheduleVersion schedule);

  /** Asks the payment rail to debit the borrower's account; idempotent by the debit's key. */
  Debit initiateDebit(Debit debit);

  /** The debit as the rail reports it on {@code asOf} (ACH is date-based: settlement and returns come days later). */
  Debit debitStatus(DebitCheck check);
}
