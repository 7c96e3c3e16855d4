package dev.tranche.activities.application;

import java.time.LocalDate;

/** The decrypted identity of an applicant, loaded for a provider call; never logged. */
public record ApplicantPii(String applicationId, String firstName, String lastName, String ssn, LocalDate dateOfBirth,
    String addressLine1, String city, String region, String postalCode, String country, String phone) {

  @Override
  public String toString() {
    return "ApplicantPii[" + applicationId + ", redacted]";
  }
}
