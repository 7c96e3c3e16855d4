package dev.tranche.portfolio;

import dev.tranche.servicing.ChargeOff;
import dev.tranche.servicing.Debit;
import dev.tranche.servicing.DebitCheck;
import dev.tranche.servicing.DebitStatus;
import dev.tranche.servicing.FeeCharge;
import dev.tranche.servicing.InterestAccrual;
import dev.tranche.servicing.LoanAllocation;
import dev.tranche.servicing.LoanPostings;
import dev.tranche.servicing.LoanPostings.Posting;
import dev.tranche.servicing.LoanSnapshot;
import dev.tranche.servicing.LoanTerms;
import dev.tranche.servicing.Recovery;
import dev.tranche.servicing.ScheduleVersion;
import dev.tranche.servicing.ServicingActivities;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Servicing's outside world for one simulated loan, in memory: its postings (built by {@link LoanPostings}, each
 * key once, handed to a sink) and a payment rail that answers as the sandbox's does: a debit is
 * accepted, settles two days after its effective date, or, when its plan returns it, is returned (R01) three days
 * after.
 */
final class BookLedger implements ServicingActivities {

  private final LoanTerms terms;
  private final Set<Integer> returnedDebits;
  private final Consumer<Posting> sink;
  private final Set<String> keys = new HashSet<>();
  private final Map<String, Boolean> debits = new HashMap<>();
  private int debitCount;

  BookLedger(LoanTerms terms, Set<Integer> returnedDebits, Consumer<Posting> sink) {
    this.terms = terms;
    this.returnedDebits = returnedDebits;
    this.sink = sink;
  }

  @Override
  public LoanTerms terms(String loanId) {
    return terms;
  }

  @Override
  public void postAccrual(InterestAccrual accrual) {
    book(LoanPostings.accrual(accrual));
  }

  @Override
  public void postPayment(LoanAllocation payment) {
    book(LoanPostings.payment(payment));
  }

  @Override
  public void postReturn(LoanAllocation returned) {
    book(LoanPostings.paymentReturn(returned));
  }

  @Override
  public void postFee(FeeCharge fee) {
    book(LoanPostings.fee(fee));
  }

  @Override
  public void postChargeOff(ChargeOff chargeOff) {
    Posting posting = LoanPostings.chargeOff(chargeOff);
    if (posting != null) {
      book(posting);
    }
  }

  @Override
  public void postRecovery(Recovery recovery) {
    book(LoanPostings.recovery(recovery));
  }

  @Override
  public void recordSnapshot(LoanSnapshot snapshot) {
  }

  @Override
  public void storeSchedule(ScheduleVersion schedule) {
  }

  @Override
  public Debit initiateDebit(Debit debit) {
    Boolean returns = debits.get(debit.idempotencyKey());
    if (returns == null) {
      returns = returnedDebits.contains(++debitCount);
      debits.put(debit.idempotencyKey(), returns);
    }
    return debit.with("sim-" + debit.idempotencyKey(), DebitStatus.PENDING, null);
  }

  @Override
  public Debit debitStatus(DebitCheck check) {
    Debit d = check.debit();
    boolean returns = debits.getOrDefault(d.idempotencyKey(), false);
    if (returns && !check.asOf().isBefore(d.effectiveDate().plusDays(3))) {
      return d.with(d.debitId(), DebitStatus.RETURNED, "R01");
    }
    boolean settled = !check.asOf().isBefore(d.effectiveDate().plusDays(2));
    return d.with(d.debitId(), settled ? DebitStatus.SETTLED : DebitStatus.PENDING, null);
  }

  /** Each key once, as the ledger's unique idempotency key makes it (a posting is balanced by construction). */
  private void book(Posting posting) {
    if (keys.add(posting.key())) {
      sink.accept(posting);
    }
  }
}
