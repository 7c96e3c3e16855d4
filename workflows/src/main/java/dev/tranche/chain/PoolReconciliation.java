package dev.tranche.chain;

import java.math.BigDecimal;

/**
 * The pool's book against the chain, in the stablecoin's units: the ledger's liquidity plus loans against
 * {@code totalAssets()}, the ledger's loans against {@code outstandingPrincipal()}, through {@code block}.
 */
public record PoolReconciliation(String chain, BigDecimal ledgerAssets, BigDecimal chainAssets,
    BigDecimal ledgerLoans, BigDecimal chainLoans, long block, boolean matched) {
}
