package dev.tranche.chain;

/** The vault's {@code Deposited} event for a loan, with enough confirmations. */
public record CollateralDeposit(String loanId, String depositor, String amountWei, String txHash, long blockNumber) {
}
