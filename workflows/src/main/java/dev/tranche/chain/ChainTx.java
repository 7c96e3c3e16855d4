package dev.tranche.chain;

/** A submitted transaction: stored under its idempotency key before anyone waits for it. */
public record ChainTx(String idempotencyKey, String txHash, long nonce) {
}
