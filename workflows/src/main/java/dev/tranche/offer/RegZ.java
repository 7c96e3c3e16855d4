package dev.tranche.offer;

import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The annual percentage rate of a closed-end, single-advance loan by the actuarial method of
 * Regulation Z, Appendix J (b)(8): the amount financed equals the sum of the payments, each
 * discounted by {@code (1 + f·i)(1 + i)^t}, where {@code t} is the number of whole unit-periods and
 * {@code f} the fraction of one from the advance to the payment. The unit-period rate {@code i} is
 * found by Newton's method: seeded from the simple-interest estimate and iterated in double precision to
 * about 1e-15, then polished by two Newton steps in 34-digit decimals (each doubles the correct digits), so the
 * 4-place result is exact at a few dozen present values instead of the hundreds a bisection takes (it runs on
 * the workflow thread). Should Newton not converge, bisection in decimals still answers. The APR is {@code i}
 * times the unit-periods per year.
 */
public final class RegZ {

  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Appendix J (b)(5)(iv): a fraction of a month is counted in days of a 30-day month. */
  private static final BigDecimal DAYS_IN_MONTH = BigDecimal.valueOf(30);

  /** One payment: its amount, whole unit-periods and fraction of a unit-period from the advance. */
  public record Payment(BigDecimal amount, int unitPeriods, BigDecimal fraction) {
  }

  private RegZ() {
  }

  /**
   * The APR in percent (scale 4, HALF_UP) for an amount financed repaid by {@code payments};
   * every payment shares the same fractional period, as in every transaction whose odd days fall
   * at the start.
   */
  public static BigDecimal apr(BigDecimal amountFinanced, List<Payment> payments, int unitPeriodsPerYear) {
    if (amountFinanced.signum() <= 0 || payments.isEmpty()) {
      throw new IllegalArgumentException("an APR needs a positive amount financed and at least one payment");
    }
    BigDecimal total = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (total.compareTo(amountFinanced) <= 0) {
      return BigDecimal.ZERO.setScale(4, RoundingMode.UNNECESSARY);
    }
    BigDecimal rate = newton(amountFinanced, payments, total);
    if (rate == null) {
      rate = bisection(amountFinanced, payments);
    }
    return rate.multiply(BigDecimal.valueOf(unitPeriodsPerYear)).multiply(HUNDRED).setScale(4, RoundingMode.HALF_UP);
  }

  /** The unit-period rate by Newton's method, or null when it does not settle (never seen; bisection then). */
  static BigDecimal newton(BigDecimal amountFinanced, List<Payment> payments, BigDecimal total) {
    double financed = amountFinanced.doubleValue();
    double periods = payments.stream().mapToDouble(p -> p.unitPeriods() + p.fraction().doubleValue()).average()
        .orElse(1);
    // Simple interest over the average time to payment: close enough for Newton to converge from.
    double i = Math.max(1e-6, (total.doubleValue() - financed) / (financed * Math.max(periods, 1e-3)));
    for (int step = 0; step < 60; step++) {
      double value = -financed;
      double slope = 0;
      for (Payment p : payments) {
        double f = p.fraction().doubleValue();
        double growth = Math.pow(1 + i, p.unitPeriods());
        double discounted = p.amount().doubleValue() / ((1 + f * i) * growth);
        value += discounted;
        slope -= discounted * (f / (1 + f * i) + p.unitPeriods() / (1 + i));
      }
      double next = i - value / slope;
      if (!Double.isFinite(next) || next <= 0) {
        return null;
      }
      boolean settled = Math.abs(next - i) < 1e-15 * Math.max(1, i);
      i = next;
      if (settled) {
        break;
      }
    }
    BigDecimal rate = new BigDecimal(i, MC);
    // From ~15 correct digits, two steps reach the 34 of the decimal context.
    for (int step = 0; step < 2; step++) {
      BigDecimal[] valueAndSlope = valueAndSlope(payments, rate);
      BigDecimal next = rate.subtract(valueAndSlope[0].subtract(amountFinanced, MC).divide(valueAndSlope[1], MC), MC);
      if (next.signum() <= 0) {
        return null;
      }
      rate = next;
    }
    return rate;
  }

  static BigDecimal bisection(BigDecimal amountFinanced, List<Payment> payments) {
    BigDecimal low = BigDecimal.ZERO;
    BigDecimal high = BigDecimal.ONE;
    while (presentValue(payments, high).compareTo(amountFinanced) > 0) {
      high = high.multiply(BigDecimal.TWO);
    }
    // Present value falls as the rate rises; 80 halvings leave an error far below 1e-15 per period.
    for (int step = 0; step < 80; step++) {
      BigDecimal mid = low.add(high).divide(BigDecimal.TWO, MC);
      if (presentValue(payments, mid).compareTo(amountFinanced) > 0) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low.add(high).divide(BigDecimal.TWO, MC);
  }

  /**
   * The present value at {@code rate} and its derivative by the rate. The growth factor {@code (1 + i)^t} is carried
   * from one payment to the next (a schedule's payments are one unit-period apart), a power taken only on a jump.
   */
  private static BigDecimal[] valueAndSlope(List<Payment> payments, BigDecimal rate) {
    BigDecimal onePlus = BigDecimal.ONE.add(rate);
    BigDecimal value = BigDecimal.ZERO;
    BigDecimal slope = BigDecimal.ZERO;
    int periods = 0;
    BigDecimal growth = BigDecimal.ONE;
    for (Payment p : payments) {
      if (p.unitPeriods() == periods + 1) {
        growth = growth.multiply(onePlus, MC);
      } else if (p.unitPeriods() != periods) {
        growth = onePlus.pow(p.unitPeriods(), MC);
      }
      periods = p.unitPeriods();
      BigDecimal simple = BigDecimal.ONE.add(p.fraction().multiply(rate, MC), MC);
      BigDecimal discounted = p.amount().divide(simple.multiply(growth, MC), MC);
      value = value.add(discounted, MC);
      BigDecimal dLog = p.fraction().divide(simple, MC).add(BigDecimal.valueOf(p.unitPeriods()).divide(onePlus, MC), MC);
      slope = slope.subtract(discounted.multiply(dLog, MC), MC);
    }
    return new BigDecimal[] {value, slope};
  }

  /**
   * The APR of a monthly schedule advanced on {@code consummation}: whole months are counted back
   * from each due date to the advance, the odd days left over as a fraction of a 30-day month.
   */
  public static BigDecimal monthlyApr(Money amountFinanced, List<Installment> schedule, LocalDate consummation) {
    List<Payment> payments = new ArrayList<>(schedule.size());
    for (Installment installment : schedule) {
      // Appendix J (b)(5): count whole months back from the due date, the rest are odd days.
      long months = ChronoUnit.MONTHS.between(consummation, installment.dueDate()) + 1;
      while (installment.dueDate().minusMonths(months).isBefore(consummation)) {
        months--;
      }
      long oddDays = ChronoUnit.DAYS.between(consummation, installment.dueDate().minusMonths(months));
      payments.add(new Payment(installment.total().amount(), Math.toIntExact(months),
          BigDecimal.valueOf(oddDays).divide(DAYS_IN_MONTH, MC)));
    }
    return apr(amountFinanced.amount(), payments, 12);
  }

  private static BigDecimal presentValue(List<Payment> payments, BigDecimal rate) {
    BigDecimal onePlus = BigDecimal.ONE.add(rate);
    BigDecimal sum = BigDecimal.ZERO;
    for (Payment p : payments) {
      BigDecimal divisor = BigDecimal.ONE.add(p.fraction().multiply(rate, MC), MC)
          .multiply(onePlus.pow(p.unitPeriods(), MC), MC);
      sum = sum.add(p.amount().divide(divisor, MC), MC);
    }
    return sum;
  }
}
