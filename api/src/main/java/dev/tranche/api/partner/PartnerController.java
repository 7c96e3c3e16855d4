package dev.tranche.api.partner;

import dev.tranche.activities.support.Json;
import dev.tranche.api.security.ApiKeys;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The partner API: a CRM triggers financing for a job. Authenticated by the partner's API key. */
@RestController
@RequestMapping("/api/v1/partners/{partnerId}")
class PartnerController {

  private final PartnerService service;
  private final JsonMapper json = Json.MAPPER;

  /** The customer invited: the link to finish the application was texted to them. */
  record Invited(String applicationId, String status, String jobId, java.time.Instant linkExpiresAt,
      String linkSentTo) {
  }

  PartnerController(PartnerService service) {
    this.service = service;
  }

  @Operation(summary = "A CRM asks for financing for a job: the customer is texted a one-time link (partner API key)")
  @PostMapping("/financing-offers")
  ResponseEntity<Invited> financingOffer(@PathVariable String partnerId,
      @Valid @RequestBody FinancingOfferRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    // A key opens only its own partner's door; another partner's id looks like it does not exist.
    if (!partnerId.equals(ApiKeys.partnerId(auth))) {
      throw ApiProblem.notFound("partner " + partnerId);
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 characters");
    }
    var invitation = service.invite(partnerId, request, idempotencyKey,
        Idempotency.hash(json.writeValueAsString(request)));
    Invited body = new Invited(invitation.applicationId(), "INVITED", request.job().id(),
        invitation.linkExpiresAt(), "sms");
    return ResponseEntity.status(invitation.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/v1/partners/" + partnerId + "/financing-offers/" + invitation.applicationId()))
        .body(body);
  }
}
