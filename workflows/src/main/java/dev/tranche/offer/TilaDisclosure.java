package dev.tranche.offer;

import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Truth in Lending disclosure of one offer (Regulation Z §1026.18): the APR, the finance
 * charge (every payment minus the amount financed, so the origination fee counts), the amount
 * financed (principal less the prepaid fee), the total of payments and the payment schedule as
 * runs of equal payments. The APR is disclosed to two decimals, rounded half up.
 */
public record TilaDisclosure(BigDecimal apr, Money financeCharge, Money amountFinanced, Money totalOfPayments,
    List<PaymentRun> paymentSchedule) {

  /** {@code count} monthly payments of {@code amount}, the first due on {@code firstDue}. */
  public record PaymentRun(int count, Money amount, LocalDate firstDue) {
  }

  public TilaDisclosure {
    paymentSchedule = List.copyOf(paymentSchedule);
  }

  public static TilaDisclosure of(Money principal, Money prepaidFinanceCharge, List<Installment> schedule,
      LocalDate consummation) {
    Money amountFinanced = principal.minus(prepaidFinanceCharge);
    Money total = Amortization.totalOfPayments(schedule);
    BigDecimal apr = RegZ.monthlyApr(amountFinanced, schedule, consummation).setScale(2, RoundingMode.HALF_UP);
    List<PaymentRun> runs = new ArrayList<>();
    for (Installment installment : schedule) {
      PaymentRun last = runs.isEmpty() ? null : runs.getLast();
      if (last != null && last.amount().equals(installment.total())) {
        runs.set(runs.size() - 1, new PaymentRun(last.count() + 1, last.amount(), last.firstDue()));
      } else {
        runs.add(new PaymentRun(1, installment.total(), installment.dueDate()));
      }
    }
    return new TilaDisclosure(apr, total.minus(amountFinanced), amountFinanced, total, runs);
  }
}
