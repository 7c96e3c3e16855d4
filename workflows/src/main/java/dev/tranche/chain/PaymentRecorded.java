package dev.tranche.chain;

/** A payment record as the chain settled it: mined in {@code block} by {@code txHash}, or reverted. */
public record PaymentRecorded(PaymentRecord record, String txHash, long block, boolean succeeded) {
}
