package dev.tranche.api.partner;

import dev.tranche.api.application.ApplicationRequest;
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
 * {@code POST /api/v1/borrower-links/{token}/submit}: what only the borrower can give (identity,
 * income, consents). Holds PII: its {@code toString} is redacted.
 */
record LinkSubmission(
    @NotNull @Past LocalDate dateOfBirth,
    @NotBlank @Pattern(regexp = "^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$", message = "must be a 9-digit SSN") String ssn,
    @NotNull @Valid ApplicationRequest.Address address,
    @NotNull @DecimalMin("0.00") @DecimalMax("10000000.00") @Digits(integer = 8, fraction = 2) BigDecimal monthlyIncome,
    @NotNull @Valid ApplicationRequest.Consents consents) {

  @AssertTrue(message = "the applicant must be at least 18")
  boolean isAdult() {
    return dateOfBirth == null || !dateOfBirth.plusYears(18).isAfter(LocalDate.now());
  }

  @Override
  public String toString() {
    return "LinkSubmission[redacted]";
  }
}
