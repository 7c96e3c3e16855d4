package dev.tranche.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AmortizationTest {

  @Test
  void level_payment_matches_the_textbook_formula() {
    // 10,000 at 12 % over 12 months: the classic 888.49.
    assertThat(Amortization.monthlyPayment(Money.of("10000.00", "USD"), new BigDecimal("12"), 12))
        .isEqualTo(Money.of("888.49", "USD"));
  }

  @ParameterizedTest
  @CsvSource({"12000.00,8.99,36", "10000.00,12,12", "999.99,19.99,12", "25000.00,10.49,60", "500.00,0,7",
      "73456.78,22.99,24"})
  void principal_repaid_equals_principal_lent_to_the_cent(String principal, String apr, int months) {
    Money lent = Money.of(principal, "USD");
    List<Installment> schedule = Amortization.schedule(lent, new BigDecimal(apr), months, LocalDate.of(2026, 1, 31));
    Money repaid = Money.zero(lent.currency());
    for (Installment i : schedule) {
      repaid = repaid.plus(i.principal());
      assertThat(i.total()).isEqualTo(i.principal().plus(i.interest()));
    }
    assertThat(repaid).isEqualTo(lent);
    assertThat(schedule.getLast().balanceAfter()).isEqualTo(Money.zero(lent.currency()));
    assertThat(schedule).hasSize(months);
  }

  @Test
  void the_last_installment_absorbs_rounding() {
    List<Installment> schedule = Amortization.schedule(Money.of("10000.00", "USD"), new BigDecimal("12"), 12,
        LocalDate.of(2026, 1, 15));
    assertThat(schedule.subList(0, 11)).allSatisfy(i -> assertThat(i.total()).isEqualTo(Money.of("888.49", "USD")));
    assertThat(schedule.getLast().total()).isEqualTo(Money.of("888.47", "USD"));
  }

  @Test
  void due_dates_are_monthly_and_clamped_to_month_end() {
    List<Installment> schedule = Amortization.schedule(Money.of("1200.00", "USD"), BigDecimal.TEN, 3,
        LocalDate.of(2026, 1, 31));
    assertThat(schedule).extracting(Installment::dueDate)
        .containsExactly(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));
  }

  @Test
  void money_refuses_mixed_currencies_and_hidden_rounding() {
    assertThatThrownBy(() -> Money.of("1.00", "USD").plus(Money.of("1.00", "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.of("1.005", "USD")).isInstanceOf(ArithmeticException.class);
  }
}
