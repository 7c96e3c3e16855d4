package dev.tranche.application;

/** The e-signature evidence: who, when, from where, and what they signed (SHA-256). */
public record SignatureRecord(String applicationId, String offerId, String signer, String signatureName,
    long signedAtMillis, String ipAddress, String userAgent, String agreementSha256) {
}
