package dev.tranche.servicing;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import io.temporal.activity.ActivityInterface;
import java.time.LocalDate;
import java.util.List;

/**
 * The loan's money and its outside world. Every posting is one balanced ledger transfer, idempotent
 * by its business key, so a retried activity never moves money twice.
 */
@ActivityInterface
public interface ServicingActivities {

  /** The loan's servicing terms from the loan book (time zone, payment reference, autopay account). */
  LoanTerms terms(String loanId);

  /** Interest falls due: Dr loan interest receivable, Cr interest income. Key {@code accrual:{loanId}:{n}}. */
  void postAccrual(String loanId, String key, Money interest);

  /** A payment, as allocated: Dr cash, Cr penalties/fees/interest/principal/credit. Key {@code payment:{ref}}. */
  void postPayment(String loanId, Allocation allocation);

  /** A returned payment: the exact reverse of its posting. Key {@code return:{ref}}. */
  void postReturn(String loanId, Allocation allocation);

  /** A late fee (penalty) or a returned-payment fee. */
  void postFee(String loanId, String key, Money amount, String kind);

  /** Charge-off: what was owed moves to the charged-off loss account. */
  void postChargeOff(String loanId, LoanPosition before);

  /** A payment on a charged-off loan: Dr cash, Cr recoveries. */
  void postRecovery(String loanId, String reference, Money amount);

  /** Keeps the loan's read model (balances, days past due, bucket) and the state to restart from. */
  void recordSnapshot(LoanSnapshot snapshot);

  /** Stores a new schedule version; earlier versions are kept. */
  void storeSchedule(String loanId, int version, List<Installment> installments, String reason, String approvedBy);

  /** Asks the payment rail to debit the borrower's account; idempotent by the debit's key. */
  Debit initiateDebit(Debit debit);

  /** The debit as the rail reports it on {@code asOf} (ACH is date-based: settlement and returns come days later). */
  Debit debitStatus(Debit debit, LocalDate asOf);
}
