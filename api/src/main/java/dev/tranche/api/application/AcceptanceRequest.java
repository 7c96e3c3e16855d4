package dev.tranche.api.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/applications/{id}/acceptance}: the offer and the typed signature. */
record AcceptanceRequest(@NotBlank @Size(max = 64) String offerId, @NotBlank @Size(max = 200) String signatureName) {
}
