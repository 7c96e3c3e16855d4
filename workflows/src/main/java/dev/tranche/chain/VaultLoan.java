package dev.tranche.chain;

/** One loan's position in the vault on {@code chain}. */
public record VaultLoan(String chain, String loanId) {
}
