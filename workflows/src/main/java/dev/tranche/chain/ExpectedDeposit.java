package dev.tranche.chain;

/** Only {@code walletAddress} may deposit for the loan's position. */
public record ExpectedDeposit(String chain, String loanId, String walletAddress) {
}
