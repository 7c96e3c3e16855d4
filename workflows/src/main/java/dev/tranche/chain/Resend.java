package dev.tranche.chain;

/** The transaction stored under {@code idempotencyKey}, to send again in place of {@code previousTxHash}. */
public record Resend(String chain, String idempotencyKey, String previousTxHash) {
}
