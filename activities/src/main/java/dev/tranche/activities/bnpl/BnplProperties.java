package dev.tranche.activities.bnpl;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Buy now, pay later: the KYB provider merchants are checked with, where the hosted checkout lives, how
 * much one shopper may owe on open bills, the default per-merchant API rate limit, and the liquidity pool
 * that funds bills when it has the liquidity ({@code poolChain}: a configured chain with a pool; blank: none)
 * with the pool's share of the interest and fees a bill earns; {@code collateralChain} is the chain entry of the
 * vault that holds LP tokens pledged for secured bills.
 */
@ConfigurationProperties("tranche.bnpl")
public record BnplProperties(String kybUrl, String checkoutBaseUrl, BigDecimal shopperLimit, int ratePerMinute,
    int keyRotationGraceHours, String poolChain, BigDecimal poolInterestShare, String collateralChain) {

  @ConstructorBinding
  public BnplProperties {
  }

  public BnplProperties(String kybUrl, String checkoutBaseUrl, BigDecimal shopperLimit, int ratePerMinute,
      int keyRotationGraceHours, String poolChain, BigDecimal poolInterestShare) {
    this(kybUrl, checkoutBaseUrl, shopperLimit, ratePerMinute, keyRotationGraceHours, poolChain, poolInterestShare,
        null);
  }

  public boolean poolFunding() {
    return poolChain != null && !poolChain.isBlank();
  }

  /** The pool's share (0.80 when not set). */
  public BigDecimal poolShare() {
    return poolInterestShare == null ? new BigDecimal("0.80") : poolInterestShare;
  }
}
