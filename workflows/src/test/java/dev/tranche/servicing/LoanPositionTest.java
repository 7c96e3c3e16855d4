package dev.tranche.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A loan's money on its own: accrual, allocation order, excess, credit, reversal, per diem, charge-off. */
class LoanPositionTest {

  private static final BigDecimal MONTHLY = new BigDecimal("0.01");
  private static final LocalDate JAN = LocalDate.of(2027, 1, 15);

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  /** 1,000.00 at 1 % a month with installment 1 (level payment 100.00) due. */
  private static LoanPosition oneDue() {
    LoanPosition opened = LoanPosition.opened(usd("1000.00"));
    return opened.accrue(opened.accrual(1, JAN, usd("100.00"), false, MONTHLY));
  }

  @Test
  void an_installment_falls_due_as_interest_on_the_outstanding_principal_and_the_rest_of_the_level_payment() {
    LoanPosition.Accrual accrual = LoanPosition.opened(usd("1000.00")).accrual(1, JAN, usd("100.00"), false, MONTHLY);
    assertThat(accrual.interest()).isEqualTo(usd("10.00"));
    assertThat(accrual.principalPart()).isEqualTo(usd("90.00"));
    LoanPosition due = oneDue();
    assertThat(due.pastDue()).isEqualTo(usd("100.00"));
    assertThat(due.balance()).isEqualTo(usd("1010.00"));
    assertThat(due.arrears()).containsExactly(new Arrear(1, JAN, usd("100.00")));
    assertThat(due.daysPastDue(JAN.plusDays(31))).isEqualTo(31);
    assertThat(due.bucket(JAN.plusDays(31))).isEqualTo("30-59");
    // The last installment takes all the principal left, whatever the level payment says.
    assertThat(LoanPosition.opened(usd("1000.00")).accrual(12, JAN, usd("100.00"), true, MONTHLY).principalPart())
        .isEqualTo(usd("1000.00"));
  }

  @Test
  void a_payment_goes_to_penalties_then_fees_then_interest_then_principal_due_and_the_excess_to_principal() {
    LoanPosition owed = oneDue().assessPenalty(usd("5.00")).assessFee(usd("15.00"));
    LoanPosition.Applied applied = owed.apply("pay-1", usd("150.00"), ExcessPolicy.PRINCIPAL);
    Allocation a = applied.allocation();
    assertThat(a.penalties()).isEqualTo(usd("5.00"));
    assertThat(a.fees()).isEqualTo(usd("15.00"));
    assertThat(a.interest()).isEqualTo(usd("10.00"));
    assertThat(a.principalDue()).isEqualTo(usd("90.00"));
    assertThat(a.principalPrepaid()).isEqualTo(usd("30.00"));
    assertThat(a.credit()).isEqualTo(usd("0.00"));
    assertThat(a.covered()).containsExactly(new Arrear(1, JAN, usd("100.00")));
    LoanPosition after = applied.position();
    assertThat(after.principal()).isEqualTo(usd("880.00"));
    assertThat(after.pastDue()).isEqualTo(usd("0.00"));
    assertThat(after.arrears()).isEmpty();
  }

  @Test
  void a_short_payment_leaves_the_rest_of_the_oldest_arrear_owed_and_an_excess_can_be_held_for_next_time() {
    LoanPosition.Applied part = oneDue().apply("pay-1", usd("40.00"), ExcessPolicy.PRINCIPAL);
    assertThat(part.allocation().interest()).isEqualTo(usd("10.00"));
    assertThat(part.allocation().principalDue()).isEqualTo(usd("30.00"));
    assertThat(part.position().arrears()).containsExactly(new Arrear(1, JAN, usd("60.00")));

    LoanPosition.Applied held = oneDue().apply("pay-2", usd("130.00"), ExcessPolicy.NEXT_INSTALLMENT);
    assertThat(held.allocation().credit()).isEqualTo(usd("30.00"));
    assertThat(held.position().principal()).isEqualTo(usd("910.00"));
    LoanPosition next = held.position().accrue(held.position().accrual(2, JAN.plusMonths(1), usd("100.00"), false,
        MONTHLY));
    LoanPosition.Applied credit = next.applyCredit();
    assertThat(credit.allocation().amount()).isEqualTo(usd("30.00"));
    assertThat(credit.position().credit()).isEqualTo(usd("0.00"));
    assertThat(credit.position().pastDue()).isEqualTo(usd("70.00"));
    assertThat(LoanPosition.opened(usd("1000.00")).applyCredit()).as("nothing to use a credit on").isNull();
  }

  @Test
  void a_returned_payment_is_reversed_exactly_and_its_arrears_reopen() {
    LoanPosition before = oneDue().assessFee(usd("15.00"));
    LoanPosition.Applied paid = before.apply("autopay-1", usd("200.00"), ExcessPolicy.PRINCIPAL);
    LoanPosition reversed = paid.position().reverse(paid.allocation());
    assertThat(reversed).isEqualTo(before);
  }

  @Test
  void a_payoff_charges_per_diem_interest_since_the_last_due_date() {
    LoanPosition paidUp = oneDue().apply("pay-1", usd("100.00"), ExcessPolicy.PRINCIPAL).position();
    // 910.00 × 1 % × 15 / 30 = 4.55
    Money perDiem = paidUp.perDiemInterest(MONTHLY, 15);
    assertThat(perDiem).isEqualTo(usd("4.55"));
    assertThat(paidUp.payoffAmount(perDiem)).isEqualTo(usd("914.55"));
    LoanPosition.Applied payoff = paidUp.addInterest(perDiem).apply("payoff", usd("914.55"), ExcessPolicy.PRINCIPAL);
    assertThat(payoff.position().closed()).isTrue();
    assertThat(payoff.position().balance()).isEqualTo(usd("0.00"));
  }

  @Test
  void a_charge_off_moves_everything_owed_off_the_books_and_keeps_a_held_credit() {
    LoanPosition owed = oneDue().apply("pay-1", usd("5.00"), ExcessPolicy.NEXT_INSTALLMENT).position()
        .assessPenalty(usd("25.00"));
    LoanPosition off = owed.chargeOff();
    assertThat(off.chargedOff()).isTrue();
    assertThat(off.principal()).isEqualTo(usd("0.00"));
    assertThat(off.pastDue()).isEqualTo(usd("0.00"));
    assertThat(off.arrears()).isEmpty();
    assertThat(off.closed()).as("charged off is not paid").isFalse();
  }

  @Test
  void a_reschedule_puts_principal_due_back_to_be_scheduled_and_keeps_interest_due() {
    LoanPosition capitalised = oneDue().capitaliseForReschedule();
    assertThat(capitalised.principal()).isEqualTo(usd("1000.00"));
    assertThat(capitalised.principalDue()).isEqualTo(usd("0.00"));
    assertThat(capitalised.interestDue()).isEqualTo(usd("10.00"));
    assertThat(capitalised.arrears()).containsExactly(new Arrear(1, JAN, usd("10.00")));
  }
}
