package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.MerchantDirectory;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins onboard merchants (checked with the KYB provider) and rotate their API keys; a key is shown once. */
@RestController
@RequestMapping("/api/v1/admin/merchants")
class AdminMerchantController {

  private final MerchantDirectory merchants;

  AdminMerchantController(MerchantDirectory merchants) {
    this.merchants = merchants;
  }

  /** A merchant's API key, shown once. */
  record MerchantKey(String merchantId, String apiKey, String note) {
  }

  @Operation(summary = "Onboards a merchant after KYB; its API key is shown once (ADMIN)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  MerchantKey create(@Valid @RequestBody MerchantDirectory.NewMerchant request, Authentication auth) {
    if (merchants.exists(request.id())) {
      throw ApiProblem.conflict("merchant " + request.id() + " already exists");
    }
    return new MerchantKey(request.id(), merchants.create(request, auth.getName()),
        "store this key now: it is not shown again");
  }

  @Operation(summary = "Rotates a merchant's API key; the old one keeps working for the grace period (ADMIN)")
  @PostMapping("/{merchantId}/api-keys")
  @ResponseStatus(HttpStatus.CREATED)
  MerchantKey rotate(@PathVariable String merchantId, Authentication auth) {
    if (!merchants.exists(merchantId)) {
      throw ApiProblem.notFound("merchant " + merchantId);
    }
    return new MerchantKey(merchantId, merchants.rotateKey(merchantId, auth.getName()),
        "earlier keys keep working for the rotation grace period, then expire");
  }

  @Operation(summary = "The merchants, without their secrets (ADMIN)")
  @GetMapping
  List<MerchantDirectory.Merchant> merchants() {
    return merchants.merchants();
  }
}
