package dev.tranche.api.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/partners/{partnerId}/financing-offers}: a CRM asks us to finance a job for
 * one of its customers. Holds contact details: its {@code toString} is redacted.
 */
record FinancingOfferRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:-]+$") String crmCustomerId,
    @NotNull @Valid Customer customer,
    @NotNull @Valid Job job) {

  record Customer(
      @NotBlank @Size(max = 100) String firstName,
      @NotBlank @Size(max = 100) String lastName,
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Pattern(regexp = "^\\+[1-9][0-9]{7,14}$", message = "must be an E.164 number such as +14155550100")
      String phone) {
  }

  record Job(
      @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:-]+$") String id,
      @NotNull @Valid Estimate estimate,
      @NotBlank @Size(max = 500) String description) {
  }

  record Estimate(
      @NotNull @DecimalMin("500.00") @DecimalMax("100000.00") @Digits(integer = 6, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "^USD$", message = "only USD is offered") String currency) {
  }

  @Override
  public String toString() {
    return "FinancingOfferRequest[redacted]";
  }
}
