package dev.tranche.collections;

/** A collateralised loan's missed installment handed to on-chain liquidation. */
public record LiquidationHandOff(String loanId, int installment) {
}
