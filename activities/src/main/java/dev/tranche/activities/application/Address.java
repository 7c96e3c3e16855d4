package dev.tranche.activities.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address (US-style fields), as an applicant gives it to the API or the link page. */
public record Address(
    @NotBlank @Size(max = 200) String line1,
    @NotBlank @Size(max = 100) String city,
    @NotBlank @Size(max = 50) String region,
    @NotBlank @Pattern(regexp = "^[A-Za-z0-9 -]{3,10}$", message = "must be 3 to 10 letters, digits or spaces")
    String postalCode,
    @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be a two-letter country code such as US") String country) {
}
