package dev.tranche.chain;

import dev.tranche.money.Money;

/**
 * A collateralised loan asks its borrower to deposit collateral worth 111 % of {@code debt} into the
 * vault on {@code chain} from {@code walletAddress} within {@code windowSeconds}.
 */
public record CollateralRequest(String applicationId, String loanId, String chain, Money debt, String walletAddress,
    long windowSeconds) {
}
