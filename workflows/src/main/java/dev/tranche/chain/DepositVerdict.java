package dev.tranche.chain;

/** A deposit seen on-chain and what was made of it: {@code DEPOSITED} (enough) or {@code REJECTED}. */
public record DepositVerdict(CollateralDeposit deposit, String status) {
}
