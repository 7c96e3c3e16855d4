package dev.tranche.application;

/**
 * A collateralised application: the borrower deposits collateral on {@code chain} from
 * {@code walletAddress} before disbursement, and may take the loan in the USD stablecoin to that
 * address ({@code walletPayout}) instead of by bank transfer.
 */
public record CollateralChoice(String chain, String walletAddress, boolean walletPayout) {
}
