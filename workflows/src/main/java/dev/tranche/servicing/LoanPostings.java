package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * How each of servicing's money movements is booked: its idempotency key, its kind and its balanced legs. Pure, so
 * the ledger activities and the portfolio simulation book a loan's life with the same rules (and the simulation's
 * ledger can be compared with PostgreSQL's to the cent).
 */
public final class LoanPostings {

  /** One leg: an account, debit or credit, a positive amount. */
  public record Line(String account, boolean debit, Money amount) {
  }

  /** One balanced posting, recorded once under {@code key}: its debits equal its credits. */
  public record Posting(String key, String kind, String loanId, String description, List<Line> lines) {

    public Posting {
      lines = List.copyOf(lines);
      Money debits = null;
      Money credits = null;
      for (Line line : lines) {
        if (line.debit()) {
          debits = debits == null ? line.amount() : debits.plus(line.amount());
        } else {
          credits = credits == null ? line.amount() : credits.plus(line.amount());
        }
      }
      if (debits == null || credits == null || debits.compareTo(credits) != 0) {
        throw new IllegalArgumentException("unbalanced posting " + key + ": debits " + debits + ", credits " + credits);
      }
    }
  }

  private LoanPostings() {
  }

  /** Interest falls due: Dr the loan's interest receivable, Cr interest income. */
  public static Posting accrual(InterestAccrual accrual) {
    String loanId = accrual.loanId();
    return new Posting(accrual.key(), "INTEREST_ACCRUAL", loanId, "interest due on loan " + loanId, List.of(
        new Line(LoanAccounts.interest(loanId), true, accrual.interest()),
        new Line(LoanAccounts.INTEREST_INCOME, false, accrual.interest())));
  }

  /** A payment as allocated: Dr where the money came from, Cr each bucket it paid. */
  public static Posting payment(LoanAllocation payment) {
    String loanId = payment.loanId();
    Allocation a = payment.allocation();
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(paidFrom(loanId, a), true, a.amount()));
    buckets(loanId, a, (account, amount) -> lines.add(new Line(account, false, amount)));
    boolean credit = PaymentSource.of(a.paymentReference()) == PaymentSource.CREDIT;
    return new Posting("payment:" + a.paymentReference(), credit ? "CREDIT_APPLIED" : "PAYMENT", loanId,
        "payment " + a.paymentReference() + " on loan " + loanId, lines);
  }

  /** A returned payment: the exact reverse of its posting. */
  public static Posting paymentReturn(LoanAllocation returned) {
    String loanId = returned.loanId();
    Allocation a = returned.allocation();
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(LoanAccounts.CASH, false, a.amount()));
    buckets(loanId, a, (account, amount) -> lines.add(new Line(account, true, amount)));
    return new Posting("return:" + a.paymentReference(), "PAYMENT_RETURN", loanId,
        "returned payment " + a.paymentReference() + " on loan " + loanId, lines);
  }

  /** A late fee (to penalties) or a returned-payment fee (to fees). */
  public static Posting fee(FeeCharge fee) {
    String loanId = fee.loanId();
    boolean late = fee.kind().equals("LATE_FEE");
    return new Posting(fee.key(), fee.kind(), loanId,
        fee.kind().toLowerCase(java.util.Locale.ROOT) + " on loan " + loanId, List.of(
            new Line(late ? LoanAccounts.penalties(loanId) : LoanAccounts.fees(loanId), true, fee.amount()),
            new Line(late ? LoanAccounts.LATE_FEE_INCOME : LoanAccounts.FEE_INCOME, false, fee.amount())));
  }

  /** Charge-off: everything owed moves to the charge-off expense; null when nothing was owed. */
  public static Posting chargeOff(ChargeOff chargeOff) {
    String loanId = chargeOff.loanId();
    LoanPosition p = chargeOff.before();
    Money total = p.principal().plus(p.interestDue()).plus(p.feesDue()).plus(p.penaltiesDue());
    if (!total.positive()) {
      return null;
    }
    List<Line> lines = new ArrayList<>();
    lines.add(new Line(LoanAccounts.CHARGE_OFFS, true, total));
    if (p.principal().positive()) {
      lines.add(new Line(LoanAccounts.principal(loanId), false, p.principal()));
    }
    if (p.interestDue().positive()) {
      lines.add(new Line(LoanAccounts.interest(loanId), false, p.interestDue()));
    }
    if (p.feesDue().positive()) {
      lines.add(new Line(LoanAccounts.fees(loanId), false, p.feesDue()));
    }
    if (p.penaltiesDue().positive()) {
      lines.add(new Line(LoanAccounts.penalties(loanId), false, p.penaltiesDue()));
    }
    return new Posting("chargeoff:" + loanId, "CHARGE_OFF", loanId, "charge-off of loan " + loanId, lines);
  }

  /** A payment on a charged-off loan: Dr cash, Cr recoveries. */
  public static Posting recovery(Recovery recovery) {
    String loanId = recovery.loanId();
    return new Posting("recovery:" + recovery.reference(), "RECOVERY", loanId, "recovery on charged-off loan " + loanId,
        List.of(new Line(LoanAccounts.CASH, true, recovery.amount()),
            new Line(LoanAccounts.RECOVERIES, false, recovery.amount())));
  }

  /**
   * Where a payment's money comes from, by its reference: the loan's own credit, liquidation proceeds (booked to
   * suspense when the collateral was seized), or cash collected.
   */
  private static String paidFrom(String loanId, Allocation a) {
    return switch (PaymentSource.of(a.paymentReference())) {
      case CREDIT -> LoanAccounts.credit(loanId);
      case LIQUIDATION -> LoanAccounts.LIQUIDATION_PROCEEDS;
      case CASH -> LoanAccounts.CASH;
    };
  }

  private static void buckets(String loanId, Allocation a, BiConsumer<String, Money> line) {
    if (a.penalties().positive()) {
      line.accept(LoanAccounts.penalties(loanId), a.penalties());
    }
    if (a.fees().positive()) {
      line.accept(LoanAccounts.fees(loanId), a.fees());
    }
    if (a.interest().positive()) {
      line.accept(LoanAccounts.interest(loanId), a.interest());
    }
    if (a.principal().positive()) {
      line.accept(LoanAccounts.principal(loanId), a.principal());
    }
    if (a.credit().positive()) {
      line.accept(LoanAccounts.credit(loanId), a.credit());
    }
  }
}
