package dev.tranche.activities.partner;

import dev.tranche.activities.application.Address;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.application.Consents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What only the invited borrower can give (identity, income, consents), by
 * {@code POST /api/v1/borrower-links/{token}/submit} or the link page: one set of rules for both. Holds PII:
 * its {@code toString} is redacted.
 */
public record LinkSubmission(
    @NotNull @Past LocalDate dateOfBirth,
    @NotBlank @Pattern(regexp = "^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$", message = "must be a 9-digit SSN") String ssn,
    @NotNull @Valid Address address,
    @NotNull @DecimalMin("0.00") @DecimalMax("10000000.00") @Digits(integer = 8, fraction = 2) BigDecimal monthlyIncome,
    @NotNull @Valid Consents consents) {

  @AssertTrue(message = "the applicant must be at least 18")
  public boolean isAdult() {
    return dateOfBirth == null || !dateOfBirth.plusYears(18).isAfter(LocalDate.now());
  }

  public ApplicantStore.Completion completion() {
    return new ApplicantStore.Completion(ssn, dateOfBirth, address.line1(), address.city(), address.region(),
        address.postalCode(), address.country(), monthlyIncome, consents.creditPull(), consents.esignDisclosure());
  }

  @Override
  public String toString() {
    return "LinkSubmission[redacted]";
  }
}
