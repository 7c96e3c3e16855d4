package dev.tranche.activities.application;

import jakarta.validation.constraints.AssertTrue;

/** The consents every applicant must give. */
public record Consents(@AssertTrue(message = "consent to a credit pull is required") boolean creditPull,
    @AssertTrue(message = "consent to e-sign disclosures is required") boolean esignDisclosure) {
}
