package dev.tranche.partner;

/**
 * The CRM partner an application came from, and the job it finances. {@code linkExpiresAtMillis}
 * is when the borrower's one-time link lapses.
 */
public record PartnerRef(String partnerId, String jobId, long linkExpiresAtMillis) {
}
