package dev.tranche.chain;

/** Start watching a collateralised loan's position on {@code chain}. */
public record MonitorStart(String loanId, String applicationId, String chain) {
}
