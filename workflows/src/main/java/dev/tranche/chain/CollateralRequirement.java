package dev.tranche.chain;

/**
 * What the borrower must deposit: {@code requiredWei} of the token at {@code tokenAddress} into the
 * vault, for the loan's key, before {@code deadlineMillis}. Priced at {@code priceWad} (USD, 1e18).
 */
public record CollateralRequirement(String loanId, String chain, String vaultAddress, String tokenAddress,
    String requiredWei, String priceWad, long deadlineMillis) {
}
