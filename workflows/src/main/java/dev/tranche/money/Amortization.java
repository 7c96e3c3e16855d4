package dev.tranche.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Level-payment amortisation: monthly rate = APR / 12, payment = P·i / (1 − (1+i)^−n), each
 * installment's interest is the opening balance × i rounded half-up to the cent, and the final
 * installment absorbs rounding so that principal repaid equals principal lent, to the cent.
 */
public final class Amortization {

  private static final MathContext RATE = MathContext.DECIMAL128;
  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Amortization() {
  }

  /** The monthly rate for an annual percentage rate given in percent (e.g. 8.99). */
  public static BigDecimal monthlyRate(BigDecimal annualPercent) {
    return annualPercent.divide(HUNDRED, RATE).divide(TWELVE, RATE);
  }

  /** The level monthly payment, rounded half-up to the cent. */
  public static Money monthlyPayment(Money principal, BigDecimal annualPercent, int months) {
    if (months <= 0) {
      throw new IllegalArgumentException("term must be positive");
    }
    BigDecimal i = monthlyRate(annualPercent);
    if (i.signum() == 0) {
      return Money.rounded(principal.amount().divide(BigDecimal.valueOf(months), RATE), principal.currency(),
          RoundingMode.HALF_UP);
    }
    BigDecimal growth = BigDecimal.ONE.add(i).pow(months, RATE);
    BigDecimal payment = principal.amount().multiply(i, RATE).multiply(growth, RATE)
        .divide(growth.subtract(BigDecimal.ONE), RATE);
    return Money.rounded(payment, principal.currency(), RoundingMode.HALF_UP);
  }

  /** The full schedule; due dates fall monthly after {@code start} (month-end clamped). */
  public static List<Installment> schedule(Money principal, BigDecimal annualPercent, int months, LocalDate start) {
    BigDecimal i = monthlyRate(annualPercent);
    Money payment = monthlyPayment(principal, annualPercent, months);
    Money balance = principal;
    List<Installment> installments = new ArrayList<>(months);
    for (int n = 1; n <= months; n++) {
      Money interest = balance.times(i, RoundingMode.HALF_UP);
      Money principalPart = n == months ? balance : payment.minus(interest).min(balance);
      balance = balance.minus(principalPart);
      installments.add(new Installment(n, start.plusMonths(n), principalPart, interest,
          principalPart.plus(interest), balance));
    }
    return List.copyOf(installments);
  }

  /** Sum of every installment's total: what the borrower pays back, fees excluded. */
  public static Money totalOfPayments(List<Installment> schedule) {
    Money total = Money.zero(schedule.getFirst().total().currency());
    for (Installment installment : schedule) {
      total = total.plus(installment.total());
    }
    return total;
  }
}
