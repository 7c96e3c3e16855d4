package dev.tranche.application;

import dev.tranche.money.Money;

/**
 * What the workflow needs to start: ids and amounts, never PII (activities load that from the
 * store by application id).
 */
public record ApplicationInput(String applicationId, String borrowerId, Money requestedAmount, String purpose,
    String lender, ProcessSettings settings) {
}
