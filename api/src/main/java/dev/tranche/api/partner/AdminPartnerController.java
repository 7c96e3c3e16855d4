package dev.tranche.api.partner;

import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins onboard CRM partners and rotate their API keys; a key is shown once, in this answer. */
@RestController
@RequestMapping("/api/v1/admin/partners")
class AdminPartnerController {

  private final PartnerDirectory partners;

  AdminPartnerController(PartnerDirectory partners) {
    this.partners = partners;
  }

  /** A partner's API key, shown once. */
  record PartnerKey(String partnerId, String apiKey, String note) {
  }

  @Operation(summary = "Onboards a CRM partner; its API key is shown once (ADMIN)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  PartnerKey create(@Valid @RequestBody PartnerDirectory.NewPartner r, Authentication auth) {
    if (partners.exists(r.id())) {
      throw ApiProblem.conflict("partner " + r.id() + " already exists");
    }
    String key = partners.create(r, auth.getName());
    return new PartnerKey(r.id(), key, "store this key now: it is not shown again");
  }

  @Operation(summary = "Rotates a partner's API key; the old one keeps working for the grace period (ADMIN)")
  @PostMapping("/{partnerId}/api-keys")
  @ResponseStatus(HttpStatus.CREATED)
  PartnerKey rotate(@PathVariable String partnerId, Authentication auth) {
    if (!partners.exists(partnerId)) {
      throw ApiProblem.notFound("partner " + partnerId);
    }
    return new PartnerKey(partnerId, partners.rotateKey(partnerId, auth.getName()),
        "earlier keys keep working for the rotation grace period, then expire");
  }
}
