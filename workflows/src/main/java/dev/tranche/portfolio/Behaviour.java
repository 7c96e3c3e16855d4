package dev.tranche.portfolio;

import dev.tranche.decision.Tier;

/**
 * How a simulated borrower repays, with how often each tier behaves so over a year (the delinquency mix). Every
 * borrower pays by autopay; a behaviour says which debits the rail returns and what the borrower pays outside it.
 */
public enum Behaviour {
  /** Every debit settles. */
  ON_TIME,
  /** One debit is returned; the borrower pays what is past due on day 9, before the late fee. */
  CURED_EARLY,
  /** One debit is returned; the borrower pays on day 20, after the day-14 late fee. */
  CURED_LATE,
  /** Two debits in a row are returned; the borrower catches up 9 days after the second due date (30+ days late). */
  TWO_MISSED,
  /** The borrower pays the loan off on day 15 after an installment. */
  PREPAID,
  /** From one installment on every debit is returned and nothing is paid: charged off at the product's day. */
  DEFAULTED;

  /** Per tier: the share of borrowers behaving so, in the order of the constants (ON_TIME takes the rest). */
  private static final double[][] MIX = {
      {0, 0.040, 0.020, 0.010, 0.050, 0.015},
      {0, 0.060, 0.040, 0.025, 0.030, 0.040},
      {0, 0.080, 0.070, 0.050, 0.020, 0.090}};

  /** The share of {@code tier}'s borrowers who behave so. */
  public double share(Tier tier) {
    double[] mix = MIX[tier.ordinal()];
    if (this != ON_TIME) {
      return mix[ordinal()];
    }
    double rest = 1;
    for (int i = 1; i < mix.length; i++) {
      rest -= mix[i];
    }
    return rest;
  }

  /** A behaviour drawn from {@code tier}'s mix by {@code u} in [0, 1). */
  public static Behaviour draw(Tier tier, double u) {
    double cumulative = 0;
    for (Behaviour b : values()) {
      cumulative += b.share(tier);
      if (u < cumulative) {
        return b;
      }
    }
    return ON_TIME;
  }

  /**
   * The share of a defaulted loan's exposure lost, as the mix assumes: three in ten defaulters pay back a tenth of
   * the principal after charge-off ({@link LoanPlan}), so 1 - 0.3 x 0.1.
   */
  public static final double LOSS_GIVEN_DEFAULT = 0.97;

  /** The yearly default probability the mix assumes for {@code tier} (the backtest's expected loss uses it). */
  public static double defaultProbability(Tier tier) {
    return DEFAULTED.share(tier);
  }
}
