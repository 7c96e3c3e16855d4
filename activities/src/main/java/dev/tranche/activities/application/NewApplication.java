package dev.tranche.activities.application;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A validated application as the API hands it to the store; carries PII, so never logged. */
public record NewApplication(String applicationId, String borrowerId, String firstName, String lastName, String email,
    String phone, LocalDate dateOfBirth, String ssn, String addressLine1, String city, String region,
    String postalCode, String country, BigDecimal monthlyIncome, BigDecimal requestedAmount, String currency,
    String purpose, boolean consentCreditPull, boolean consentEsign) {

  @Override
  public String toString() {
    return "NewApplication[" + applicationId + ", PII redacted]";
  }
}
