package dev.tranche.application;

/** What the borrower signed: the offer, the agreement's SHA-256 and when. */
public record AcceptanceResult(String applicationId, String offerId, String agreementSha256, long signedAtMillis) {
}
