package dev.tranche.chain;

/**
 * Watch one collateralised loan's position on {@code chain} every {@code intervalSeconds}; texts a
 * margin call (to the application's borrower) below a health factor of 1.1.
 */
public record MonitorRequest(String loanId, String applicationId, String chain, long intervalSeconds) {
}
