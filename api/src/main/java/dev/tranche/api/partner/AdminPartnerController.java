package dev.tranche.api.partner;

import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.api.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

  record NewPartnerRequest(
      @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}$") String id,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String crmBaseUrl,
      @NotBlank @Size(min = 8, max = 500) String crmToken,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String webhookUrl,
      @NotBlank @Size(min = 24, max = 200) String webhookSecret,
      @Min(1) @Max(100_000) Integer ratePerMinute) {

    @Override
    public String toString() {
      return "NewPartnerRequest[" + id + ", secrets redacted]";
    }
  }

  private final PartnerDirectory partners;

  AdminPartnerController(PartnerDirectory partners) {
    this.partners = partners;
  }

  /** A partner's API key, shown once. */
  record PartnerKey(String partnerId, String apiKey, String note) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  PartnerKey create(@Valid @RequestBody NewPartnerRequest r, Authentication auth) {
    if (partners.exists(r.id())) {
      throw ApiProblem.conflict("partner " + r.id() + " already exists");
    }
    String key = partners.create(new PartnerDirectory.NewPartner(r.id(), r.name(), r.crmBaseUrl(), r.crmToken(),
        r.webhookUrl(), r.webhookSecret(), r.ratePerMinute()), auth.getName());
    return new PartnerKey(r.id(), key, "store this key now: it is not shown again");
  }

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
