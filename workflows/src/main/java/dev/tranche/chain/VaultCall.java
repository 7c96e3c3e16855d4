package dev.tranche.chain;

/** A vault call for a loan, sent once under {@code idempotencyKey}. */
public record VaultCall(String chain, String loanId, String idempotencyKey) {
}
