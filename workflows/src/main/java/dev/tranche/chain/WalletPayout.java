package dev.tranche.chain;

import dev.tranche.money.Money;

/** A disbursement paid in the USD stablecoin on {@code chain} to the borrower's {@code walletAddress}. */
public record WalletPayout(String loanId, String chain, String walletAddress, Money amount) {
}
