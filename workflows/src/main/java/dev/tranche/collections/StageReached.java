package dev.tranche.collections;

/** A collection case reached {@code stage} at {@code atMillis}. */
public record StageReached(String loanId, int installment, String stage, long atMillis) {
}
