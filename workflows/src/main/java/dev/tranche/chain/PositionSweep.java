package dev.tranche.chain;

/**
 * What one sweep of a chain's open positions found: how many were read (in how many batched calls), the price
 * they were read at (1e18), how many were below a health factor of 1.0 and how many liquidations that started
 * (the rest were already running), why the price was not used, if it was not, how long it took, and how many
 * monitors of positions between 1.0 and 1.1 were woken to text a margin call (0 in sweeps recorded before).
 */
public record PositionSweep(String chain, long round, int positions, int calls, String priceWad, int belowOne,
    int started, String problem, long millis, int monitorsWoken) {
}
