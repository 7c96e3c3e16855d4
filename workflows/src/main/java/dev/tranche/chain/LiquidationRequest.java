package dev.tranche.chain;

/** Liquidate a loan's position on {@code chain} (a configured chain name); why, for the record. */
public record LiquidationRequest(String loanId, String chain, String reason) {
}
