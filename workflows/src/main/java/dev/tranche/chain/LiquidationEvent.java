package dev.tranche.chain;

/** The vault's {@code Liquidated} event on {@code chain}, amounts in wei / 1e18 USD. */
public record LiquidationEvent(String loanId, String txHash, String seizedWei, String returnedWei, String debtUsdWei,
    String priceWad, String chain) {
}
