package dev.tranche.api.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code POST /api/v1/applications}. Holds PII: its {@code toString} is redacted. */
public record ApplicationRequest(
    @NotNull @Valid Applicant applicant,
    @NotNull @Valid Amount requestedAmount,
    @NotBlank @Size(max = 200) String purpose,
    @NotNull @Valid Consents consents) {

  record Applicant(
      @NotBlank @Size(max = 100) String firstName,
      @NotBlank @Size(max = 100) String lastName,
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Pattern(regexp = "^\\+[1-9][0-9]{7,14}$", message = "must be an E.164 number such as +14155550100")
      String phone,
      @NotNull @Past LocalDate dateOfBirth,
      @NotBlank @Pattern(regexp = "^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$", message = "must be a 9-digit SSN") String ssn,
      @NotNull @Valid Address address,
      @NotNull @DecimalMin("0.00") @DecimalMax("10000000.00") @Digits(integer = 8, fraction = 2)
      BigDecimal monthlyIncome) {

    @Override
    public String toString() {
      return "Applicant[redacted]";
    }
  }

  /** A postal address (US-style fields). */
  public record Address(
      @NotBlank @Size(max = 200) String line1,
      @NotBlank @Size(max = 100) String city,
      @NotBlank @Size(max = 50) String region,
      @NotBlank @Pattern(regexp = "^[A-Za-z0-9 -]{3,10}$") String postalCode,
      @NotBlank @Pattern(regexp = "^[A-Z]{2}$") String country) {
  }

  record Amount(
      @NotNull @DecimalMin("500.00") @DecimalMax("100000.00") @Digits(integer = 6, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "^USD$", message = "only USD is offered") String currency) {
  }

  /** The consents every applicant must give. */
  public record Consents(@AssertTrue(message = "consent to a credit pull is required") boolean creditPull,
      @AssertTrue(message = "consent to e-sign disclosures is required") boolean esignDisclosure) {
  }

  @AssertTrue(message = "the applicant must be at least 18")
  boolean isAdult() {
    return applicant == null || applicant.dateOfBirth() == null
        || !applicant.dateOfBirth().plusYears(18).isAfter(LocalDate.now());
  }

  @Override
  public String toString() {
    return "ApplicationRequest[redacted]";
  }
}
