package dev.tranche.application;

/** The borrower's acceptance and e-signature of one offer. */
public record AcceptOfferRequest(String offerId, String borrowerId, String signatureName, String ipAddress,
    String userAgent) {
}
