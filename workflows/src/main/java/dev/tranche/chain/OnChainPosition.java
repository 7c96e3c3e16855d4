package dev.tranche.chain;

/**
 * A vault position as the chain reports it. Amounts are decimal strings of the token's smallest
 * unit (wei), the health factor in 1e18 (null when the price cannot be read, e.g. stale).
 */
public record OnChainPosition(String loanId, VaultStatus status, String collateralWei, String debtUsdWei,
    String healthFactorWad, String priceProblem) {

  public boolean liquidatable() {
    return status == VaultStatus.LOCKED && healthFactorWad != null
        && new java.math.BigInteger(healthFactorWad).compareTo(java.math.BigInteger.TEN.pow(18)) < 0;
  }
}
