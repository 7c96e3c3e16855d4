package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A loan's money, exactly: principal outstanding (including principal due), what is due by bucket,
 * a held credit, and the arrears by installment for days past due. Immutable; every operation
 * returns the next position. Pure and deterministic, so the servicing workflow can hold it and the
 * ledger postings are derived from the same numbers.
 */
public record LoanPosition(Money principal, Money principalDue, Money interestDue, Money feesDue,
    Money penaltiesDue, Money credit, List<Arrear> arrears, boolean chargedOff) {

  public LoanPosition {
    arrears = List.copyOf(arrears);
  }

  public static LoanPosition opened(Money principal) {
    Money zero = Money.zero(principal.currency());
    return new LoanPosition(principal, zero, zero, zero, zero, zero, List.of(), false);
  }

  /** Everything owed now (not counting interest that has not yet accrued), less any held credit. */
  public Money balance() {
    return principal.plus(interestDue).plus(feesDue).plus(penaltiesDue).minus(credit);
  }

  /** Due now and unpaid: past-due penalties, fees, interest and principal. */
  public Money pastDue() {
    return principalDue.plus(interestDue).plus(feesDue).plus(penaltiesDue);
  }

  public boolean closed() {
    return !chargedOff && principal.amount().signum() == 0 && pastDue().amount().signum() == 0;
  }

  public long daysPastDue(LocalDate today) {
    return arrears.isEmpty() ? 0 : Math.max(0, ChronoUnit.DAYS.between(arrears.getFirst().dueDate(), today));
  }

  /** Delinquency bucket: current, 1-29, 30-59, 60-89, 90+. */
  public String bucket(LocalDate today) {
    long dpd = daysPastDue(today);
    return dpd == 0 ? "current" : dpd < 30 ? "1-29" : dpd < 60 ? "30-59" : dpd < 90 ? "60-89" : "90+";
  }

  /** An installment falls due. */
  public record Accrual(int installment, LocalDate dueDate, Money interest, Money principalPart) {
    public Money total() {
      return interest.plus(principalPart);
    }
  }

  /**
   * Installment {@code number} falls due: interest on the outstanding principal at the monthly rate
   * (half up to the cent), and the level payment's principal part (all of it on the last installment),
   * exactly as {@code Amortization} builds the schedule. Nothing falls due on a repaid loan.
   */
  public Accrual accrual(int number, LocalDate dueDate, Money levelPayment, boolean last, BigDecimal monthlyRate) {
    Money notYetDue = principal.minus(principalDue);
    Money interest = notYetDue.times(monthlyRate, RoundingMode.HALF_UP);
    Money principalPart = last ? notYetDue : levelPayment.minus(interest).min(notYetDue);
    if (principalPart.negative()) {
      principalPart = Money.zero(principal.currency());
    }
    return new Accrual(number, dueDate, interest, principalPart);
  }

  public LoanPosition accrue(Accrual a) {
    if (a.total().amount().signum() == 0) {
      return this;
    }
    List<Arrear> next = new ArrayList<>(arrears);
    next.add(new Arrear(a.installment(), a.dueDate(), a.total()));
    return new LoanPosition(principal, principalDue.plus(a.principalPart()), interestDue.plus(a.interest()), feesDue,
        penaltiesDue, credit, next, chargedOff);
  }

  /** Interest accrued between due dates (a payoff's per diem) becomes due. */
  public LoanPosition addInterest(Money interest) {
    return new LoanPosition(principal, principalDue, interestDue.plus(interest), feesDue, penaltiesDue, credit, arrears,
        chargedOff);
  }

  public LoanPosition assessFee(Money fee) {
    return new LoanPosition(principal, principalDue, interestDue, feesDue.plus(fee), penaltiesDue, credit, arrears,
        chargedOff);
  }

  public LoanPosition assessPenalty(Money penalty) {
    return new LoanPosition(principal, principalDue, interestDue, feesDue, penaltiesDue.plus(penalty), credit, arrears,
        chargedOff);
  }

  /** Interest accrued since the last due date at a daily rate of (monthly rate × days ÷ 30), half up. */
  public Money perDiemInterest(BigDecimal monthlyRate, long days) {
    Money notYetDue = principal.minus(principalDue);
    return notYetDue.times(monthlyRate.multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(30), java.math.MathContext.DECIMAL128), RoundingMode.HALF_UP);
  }

  /** The amount that closes the loan today: the balance plus interest accrued since the last due date. */
  public Money payoffAmount(Money perDiem) {
    return balance().plus(perDiem);
  }

  /** The result of applying a payment: the next position and how the money went. */
  public record Applied(LoanPosition position, Allocation allocation) {
  }

  /**
   * Applies a payment in the order penalties, fees, interest, principal due; the excess reduces
   * principal (or is held as credit); anything beyond the whole principal is held as credit.
   */
  public Applied apply(String reference, Money amount, ExcessPolicy policy) {
    Money left = amount;
    Money pen = left.min(penaltiesDue);
    left = left.minus(pen);
    Money fee = left.min(feesDue);
    left = left.minus(fee);
    Money interest = left.min(interestDue);
    left = left.minus(interest);
    Money princDue = left.min(principalDue);
    left = left.minus(princDue);
    Money prepaid = Money.zero(amount.currency());
    Money held = Money.zero(amount.currency());
    Money notYetDue = principal.minus(principalDue);
    if (left.positive()) {
      if (policy == ExcessPolicy.PRINCIPAL) {
        prepaid = left.min(notYetDue);
        left = left.minus(prepaid);
      }
      held = left;
    }
    // Interest and principal due pay down the arrears oldest first.
    Money toArrears = interest.plus(princDue);
    List<Arrear> remaining = new ArrayList<>();
    List<Arrear> covered = new ArrayList<>();
    for (Arrear arrear : arrears) {
      Money paid = toArrears.min(arrear.remaining());
      toArrears = toArrears.minus(paid);
      if (paid.positive()) {
        covered.add(new Arrear(arrear.installment(), arrear.dueDate(), paid));
      }
      Money rest = arrear.remaining().minus(paid);
      if (rest.positive()) {
        remaining.add(new Arrear(arrear.installment(), arrear.dueDate(), rest));
      }
    }
    LoanPosition next = new LoanPosition(principal.minus(princDue).minus(prepaid), principalDue.minus(princDue),
        interestDue.minus(interest), feesDue.minus(fee), penaltiesDue.minus(pen), credit.plus(held), remaining,
        chargedOff);
    return new Applied(next, new Allocation(reference, amount, pen, fee, interest, princDue, prepaid, held, covered));
  }

  /** Uses a held credit against what is due (after an installment falls due). */
  public Applied applyCredit() {
    if (!credit.positive() || !pastDue().positive()) {
      return null;
    }
    Money use = credit.min(pastDue());
    LoanPosition withoutCredit = new LoanPosition(principal, principalDue, interestDue, feesDue, penaltiesDue,
        credit.minus(use), arrears, chargedOff);
    return withoutCredit.apply("credit", use, ExcessPolicy.NEXT_INSTALLMENT);
  }

  /** Undoes a payment that was returned: every bucket it paid is owed again, its arrears reopen. */
  public LoanPosition reverse(Allocation a) {
    List<Arrear> reopened = new ArrayList<>(arrears);
    for (Arrear c : a.covered()) {
      int at = -1;
      for (int i = 0; i < reopened.size(); i++) {
        if (reopened.get(i).installment() == c.installment()) {
          at = i;
        }
      }
      if (at >= 0) {
        Arrear existing = reopened.get(at);
        reopened.set(at, new Arrear(existing.installment(), existing.dueDate(), existing.remaining().plus(c.remaining())));
      } else {
        reopened.add(c);
      }
    }
    reopened.sort(java.util.Comparator.comparingInt(Arrear::installment));
    return new LoanPosition(principal.plus(a.principalDue()).plus(a.principalPrepaid()),
        principalDue.plus(a.principalDue()), interestDue.plus(a.interest()), feesDue.plus(a.fees()),
        penaltiesDue.plus(a.penalties()), credit.minus(a.credit()), reopened, chargedOff);
  }

  /** Moves everything owed to the charged-off book; nothing is due any more. */
  public LoanPosition chargeOff() {
    Money zero = Money.zero(principal.currency());
    return new LoanPosition(zero, zero, zero, zero, zero, credit, List.of(), true);
  }

  /** Principal due goes back to principal not yet due (for a new schedule); the rest stays due. */
  public LoanPosition capitaliseForReschedule() {
    List<Arrear> interestOnly = new ArrayList<>();
    if (interestDue.plus(feesDue).plus(penaltiesDue).positive() && !arrears.isEmpty()) {
      interestOnly.add(new Arrear(arrears.getFirst().installment(), arrears.getFirst().dueDate(), interestDue));
    }
    return new LoanPosition(principal, Money.zero(principal.currency()), interestDue, feesDue, penaltiesDue, credit,
        interestDue.positive() ? interestOnly : List.of(), chargedOff);
  }
}
