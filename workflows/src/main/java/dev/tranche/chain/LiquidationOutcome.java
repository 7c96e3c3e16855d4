package dev.tranche.chain;

/** LIQUIDATED, ALREADY_LIQUIDATED (booked from the chain's record), HEALTHY or NOT_LOCKED. */
public record LiquidationOutcome(String loanId, String outcome, LiquidationEvent event) {
}
