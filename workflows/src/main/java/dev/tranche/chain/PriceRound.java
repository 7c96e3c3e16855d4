package dev.tranche.chain;

/** A chain's vault feed moved to round {@code round}; round 0: a position was opened on the chain. */
public record PriceRound(String chain, long round) {
}
