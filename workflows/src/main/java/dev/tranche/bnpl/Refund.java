package dev.tranche.bnpl;

import dev.tranche.money.Money;

/** A merchant's refund of part or all of a bill; {@code refundId} is the merchant's idempotency key, scoped to it. */
public record Refund(String refundId, Money amount, String reason) {
}
