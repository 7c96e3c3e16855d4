package dev.tranche.portfolio;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a portfolio simulation found: the vintage, each month end's loans and principal by state, the roll rates
 * (the share of loans in a bucket at one month end that are in the next-worse one at the next), income, losses and
 * yield (annualised, over the average principal outstanding), per tier the loans charged off against the mix's
 * assumption, and how many postings it booked.
 */
public record SimulationReport(int loans, int months, long seed, LocalDate start, Money originated,
    List<MonthEnd> monthEnds, Map<String, BigDecimal> rollRates, Money interestIncome, Money feeIncome,
    Money lateFeeIncome, Money chargeOffs, Money recoveries, Money netLoss, BigDecimal netLossRate,
    Money cashCollected, Money averagePrincipal, BigDecimal grossYield, BigDecimal netYield,
    Map<String, TierResult> tiers, Map<String, Integer> behaviours, long postings) {

  /** One month end: loans per state and principal per delinquency bucket. */
  public record MonthEnd(int month, LocalDate date, Map<String, Integer> loans, Map<String, BigDecimal> principal) {
  }

  /** One tier: loans, charged off and paid off by the horizon, the charge-off rate and the mix's default rate. */
  public record TierResult(int loans, int chargedOff, int paidOff, BigDecimal chargeOffRate,
      BigDecimal assumedDefaultRate) {
  }
}
