package dev.tranche.chain;

/** Something about a loan's collateral ops should see (e.g. a stale price). */
public record CollateralAlert(String loanId, String message) {
}
