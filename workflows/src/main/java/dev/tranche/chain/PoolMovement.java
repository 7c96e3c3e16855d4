package dev.tranche.chain;

/** A pool call as the chain settled it: mined in {@code block} by {@code txHash}, or reverted. */
public record PoolMovement(PoolCall call, String txHash, long block, boolean succeeded) {
}
