package dev.tranche.chain;

/** A mined transaction with enough confirmations: did it succeed, and in which block. */
public record TxOutcome(String txHash, boolean success, long blockNumber) {
}
