package dev.tranche.chain;

/**
 * A vault position as the chain reports it. Amounts are decimal strings of the token's smallest
 * unit (wei), the health factor in 1e18 (null when the price cannot be read, e.g. stale), and the
 * price the vault's feed gave, in USD 1e18 (null when not read; absent from positions recorded
 * before it was added).
 */
public record OnChainPosition(String loanId, VaultStatus status, String collateralWei, String debtUsdWei,
    String healthFactorWad, String priceProblem, String priceWad) {

  public OnChainPosition(String loanId, VaultStatus status, String collateralWei, String debtUsdWei,
      String healthFactorWad, String priceProblem) {
    this(loanId, status, collateralWei, debtUsdWei, healthFactorWad, priceProblem, null);
  }

  public boolean liquidatable() {
    return status == VaultStatus.LOCKED && healthFactorWad != null
        && new java.math.BigInteger(healthFactorWad).compareTo(java.math.BigInteger.TEN.pow(18)) < 0;
  }
}
