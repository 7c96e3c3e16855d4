package dev.tranche.chain;

/** A transaction sent to {@code chain}. */
public record SentTx(String chain, String txHash) {
}
