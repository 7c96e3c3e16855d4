package dev.tranche.chain;

import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * What securing a bill with a pledge of tokens (the pool's LP tokens) takes: the vault's chain, the shopper's
 * wallet, the debt and the collateral ratio; the position is keyed by the bill's id.
 */
public record PledgeRequest(String billId, String chain, String walletAddress, Money amount,
    BigDecimal collateralRatio, long depositWindowSeconds) {
}
