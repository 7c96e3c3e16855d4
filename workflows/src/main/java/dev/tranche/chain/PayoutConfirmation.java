package dev.tranche.chain;

/** A wallet payout whose transaction {@code txHash} is confirmed. */
public record PayoutConfirmation(WalletPayout payout, String txHash) {
}
