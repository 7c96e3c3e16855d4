package dev.tranche.chain;

/** A chain's vault feed moved to round {@code round} (0 when the sweep is the watcher's own periodic one). */
public record PriceRound(String chain, long round) {
}
