package dev.tranche.verification;

/** Verification activities look the applicant up by id; PII never enters workflow history. */
public record VerificationRequest(String applicationId) {
}
