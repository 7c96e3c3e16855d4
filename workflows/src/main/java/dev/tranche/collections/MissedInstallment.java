package dev.tranche.collections;

/** An installment past due with no collection case, as the sweep found it. */
public record MissedInstallment(CollectionRequest request) {
}
