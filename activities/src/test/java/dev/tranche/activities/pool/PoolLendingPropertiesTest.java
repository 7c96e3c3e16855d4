package dev.tranche.activities.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.decision.Tier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The pool's rate curve over utilisation: gentle up to the kink, steep beyond it. */
class PoolLendingPropertiesTest {

  private final PoolLendingProperties curve = new PoolLendingProperties("local", null, null, null, null, null, 0);

  @Test
  void the_rate_rises_by_the_slope_up_to_the_kink_and_by_the_jump_slope_beyond() {
    assertThat(curve.rate(Tier.A, new BigDecimal("0"))).isEqualByComparingTo("6.00");
    assertThat(curve.rate(Tier.A, new BigDecimal("0.2000"))).isEqualByComparingTo("7.00");
    assertThat(curve.rate(Tier.B, new BigDecimal("0.8000"))).isEqualByComparingTo("15.00");
    assertThat(curve.rate(Tier.A, new BigDecimal("0.9000"))).isEqualByComparingTo("40.00");
    assertThat(curve.rate(Tier.C, BigDecimal.ONE)).isEqualByComparingTo("82.00");
    assertThat(curve.rate(Tier.A, new BigDecimal("0.1234"))).isEqualByComparingTo("6.62");
  }

  @Test
  void utilisation_is_what_would_be_lent_after_the_loan_over_the_pools_assets() {
    assertThat(PoolLendingProperties.utilisationAfter(new BigDecimal("2000"), new BigDecimal("12000"),
        new BigDecimal("80000"))).isEqualByComparingTo("0.1750");
    assertThat(PoolLendingProperties.utilisationAfter(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO))
        .isEqualByComparingTo("1");
    assertThat(curve.terms()).containsExactly(12, 24, 36);
    assertThat(curve.lends()).isTrue();
    assertThat(new PoolLendingProperties("", null, null, null, null, null, 0).lends()).isFalse();
  }
}
