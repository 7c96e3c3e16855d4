package dev.tranche.api.application;

import dev.tranche.activities.application.Address;
import dev.tranche.activities.application.Consents;
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
    @NotNull @Valid Consents consents,
    @Valid Collateral collateral) {

  public ApplicationRequest(Applicant applicant, Amount requestedAmount, String purpose, Consents consents) {
    this(applicant, requestedAmount, purpose, consents, null);
  }

  /**
   * The collateralised product: collateral deposited on {@code chain} (a configured chain name) from
   * {@code walletAddress}; {@code payout} WALLET pays the loan in the USD stablecoin to that address.
   */
  public record Collateral(
      @NotBlank @Pattern(regexp = "^[a-z0-9-]{1,40}$", message = "must be a configured chain name") String chain,
      @NotBlank @Pattern(regexp = "^0x[0-9a-fA-F]{40}$", message = "must be a 20-byte hex address (0x + 40 hex digits)")
      String walletAddress,
      @Pattern(regexp = "^(BANK|WALLET)$", message = "must be BANK or WALLET") String payout) {

    /** A mixed-case address must carry a valid EIP-55 checksum (a typo in it is caught here). */
    @AssertTrue(message = "walletAddress has a wrong EIP-55 checksum")
    boolean isChecksumValid() {
      if (walletAddress == null || !walletAddress.matches("^0x[0-9a-fA-F]{40}$")) {
        return true;
      }
      String hex = walletAddress.substring(2);
      if (hex.equals(hex.toLowerCase(java.util.Locale.ROOT)) || hex.equals(hex.toUpperCase(java.util.Locale.ROOT))) {
        return true;
      }
      return org.web3j.crypto.Keys.toChecksumAddress(walletAddress).equals(walletAddress);
    }

    public boolean walletPayout() {
      return "WALLET".equals(payout);
    }
  }

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

  record Amount(
      @NotNull @DecimalMin("500.00") @DecimalMax("100000.00") @Digits(integer = 6, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "^USD$", message = "only USD is offered") String currency) {
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
