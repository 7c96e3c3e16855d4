package dev.tranche.chain;

/**
 * The deposit asked of the shopper: {@code requiredUnits} of the LP token (its smallest unit) into the vault
 * for {@code positionKey}, priced at {@code priceWad} (USD per share, 1e18).
 */
public record PledgeRequirement(String billId, String chain, String vaultAddress, String tokenAddress,
    String walletAddress, String requiredUnits, String priceWad, String positionKey) {
}
