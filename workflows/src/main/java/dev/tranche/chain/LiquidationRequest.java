package dev.tranche.chain;

/**
 * Liquidate a loan's position on {@code chain} (a configured chain name); why, for the record.
 * {@code defaulted}: collections reached day 30, so the position is seized whatever its health.
 */
public record LiquidationRequest(String loanId, String chain, String reason, boolean defaulted) {

  public LiquidationRequest(String loanId, String chain, String reason) {
    this(loanId, chain, reason, false);
  }
}
