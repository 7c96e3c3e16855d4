package dev.tranche.bnpl;

/** A shopper confirming a secured bill, and the wallet their LP tokens will come from. */
public record CollateralPledge(String shopper, String walletAddress) {
}
