package dev.tranche.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The actuarial APR against the worked examples of Regulation Z, Appendix J (c)(5): single advance,
 * level payments, regular and odd first periods, monthly, semimonthly and weekly.
 * Regulation Z tolerates 1/8 of a percentage point; these must agree to the hundredth the appendix prints.
 */
class RegZTest {

  private static final Currency USD = Currency.getInstance("USD");

  @ParameterizedTest(name = "Appendix J: {0}")
  @CsvSource({
      // example, amount financed, payment, payments, whole unit-periods to the first, odd days, days per unit, per year, APR
      "'(i) monthly, regular first period',      5000.00,  230.00, 24, 1,  0, 30, 12,  9.69",
      "'(ii) monthly, long first period',        6000.00,  200.00, 36, 1, 19, 30, 12, 11.82",
      "'(iii) semimonthly, short first period',  5000.00,  219.17, 24, 0,  6, 15, 24, 10.34",
      "'(v) weekly, long first period',           500.00,   17.60, 30, 4,  4,  7, 52, 14.96"})
  void appendixJWorkedExamples(String example, BigDecimal amountFinanced, BigDecimal payment, int count,
      int firstWholePeriods, int oddDays, int daysPerUnit, int perYear, BigDecimal expectedApr) {
    BigDecimal fraction = BigDecimal.valueOf(oddDays).divide(BigDecimal.valueOf(daysPerUnit), 20, RoundingMode.HALF_UP);
    List<RegZ.Payment> payments = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      payments.add(new RegZ.Payment(payment, firstWholePeriods + k, fraction));
    }
    BigDecimal apr = RegZ.apr(amountFinanced, payments, perYear);
    assertThat(apr.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(expectedApr);
  }

  @Test
  void calendarDatesGiveTheSameUnitPeriodsAsTheAppendix() {
    // Example (i): advanced 10 January 1978, 24 monthly payments of $230 from 10 February.
    assertThat(RegZ.monthlyApr(money("5000.00"), level("230.00", 24, LocalDate.of(1978, 2, 10)),
        LocalDate.of(1978, 1, 10)).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("9.69");
    // Example (ii): advanced 10 February 1978, 36 monthly payments of $200 from 1 April (19 odd days).
    assertThat(RegZ.monthlyApr(money("6000.00"), level("200.00", 36, LocalDate.of(1978, 4, 1)),
        LocalDate.of(1978, 2, 10)).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("11.82");
  }

  @Test
  void withoutFeesTheAprIsTheNoteRateAndAFeeRaisesIt() {
    Money principal = money("10000.00");
    LocalDate start = LocalDate.of(2026, 11, 22);
    List<Installment> schedule = Amortization.schedule(principal, new BigDecimal("8.99"), 36, start);

    TilaDisclosure noFee = TilaDisclosure.of(principal, money("0.00"), schedule, start);
    TilaDisclosure withFee = TilaDisclosure.of(principal, money("300.00"), schedule, start);

    assertThat(noFee.apr()).isEqualByComparingTo("8.99");
    // 3 % of 10,000 taken up front on a 36-month loan adds about two points (cross-checked with an
    // independent floating-point IRR: 9,700 financed, 35 × 317.95 + 317.99 → 11.0839 %).
    assertThat(withFee.apr()).isEqualByComparingTo("11.08");
    assertThat(withFee.amountFinanced()).isEqualTo(money("9700.00"));
    assertThat(withFee.totalOfPayments()).isEqualTo(Amortization.totalOfPayments(schedule));
    assertThat(withFee.financeCharge()).isEqualTo(withFee.totalOfPayments().minus(money("9700.00")));
    assertThat(withFee.paymentSchedule()).hasSize(2);
    assertThat(withFee.paymentSchedule().getFirst().count()).isEqualTo(35);
    assertThat(withFee.paymentSchedule().getFirst().firstDue()).isEqualTo(LocalDate.of(2026, 12, 22));
    assertThat(withFee.paymentSchedule().stream().mapToInt(TilaDisclosure.PaymentRun::count).sum()).isEqualTo(36);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> RegZ.apr(BigDecimal.ZERO, List.of(new RegZ.Payment(BigDecimal.TEN, 1, BigDecimal.ZERO)), 12))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RegZ.apr(BigDecimal.TEN, List.of(new RegZ.Payment(BigDecimal.TEN, 1, BigDecimal.ZERO)), 12))
        .isEqualByComparingTo("0");
  }

  private static List<Installment> level(String payment, int count, LocalDate firstDue) {
    List<Installment> schedule = new ArrayList<>();
    Money zero = Money.zero(USD);
    for (int k = 0; k < count; k++) {
      schedule.add(new Installment(k + 1, firstDue.plusMonths(k), zero, zero, money(payment), zero));
    }
    return schedule;
  }

  private static Money money(String amount) {
    return Money.of(amount, "USD");
  }

  @Test
  void newton_lands_on_the_same_four_places_as_bisection_across_terms_rates_fees_and_odd_days() {
    int compared = 0;
    for (int months : new int[] {1, 3, 12, 24, 36, 60}) {
      for (String rate : new String[] {"0.01", "4.99", "12.99", "35.99", "99.00"}) {
        for (String fee : new String[] {"0.00", "240.00"}) {
          for (int oddDays : new int[] {0, 15, 29}) {
            Money principal = Money.of("12000.00", "USD");
            LocalDate start = LocalDate.of(2026, 1, 31).minusDays(oddDays);
            List<Installment> schedule = Amortization.schedule(principal, new BigDecimal(rate), months,
                LocalDate.of(2026, 1, 31));
            BigDecimal financed = principal.amount().subtract(new BigDecimal(fee));
            List<RegZ.Payment> payments = new ArrayList<>();
            for (Installment installment : schedule) {
              payments.add(new RegZ.Payment(installment.total().amount(), installment.number(),
                  BigDecimal.valueOf(oddDays).divide(BigDecimal.valueOf(30), java.math.MathContext.DECIMAL128)));
            }
            BigDecimal total = payments.stream().map(RegZ.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal byNewton = RegZ.newton(financed, payments, total);
            assertThat(byNewton).as("%d months at %s%%, fee %s, %d odd days from %s", months, rate, fee, oddDays,
                start).isNotNull();
            assertThat(byNewton.multiply(BigDecimal.valueOf(1200)).setScale(4, RoundingMode.HALF_UP))
                .isEqualByComparingTo(RegZ.bisection(financed, payments).multiply(BigDecimal.valueOf(1200))
                    .setScale(4, RoundingMode.HALF_UP));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(180);
  }
}
