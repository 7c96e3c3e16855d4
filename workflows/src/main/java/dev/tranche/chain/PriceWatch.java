package dev.tranche.chain;

/** The watcher's input: its chain and the last price round it swept. */
public record PriceWatch(String chain, long sweptRound) {
}
