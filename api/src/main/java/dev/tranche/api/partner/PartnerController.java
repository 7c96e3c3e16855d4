package dev.tranche.api.partner;

import dev.tranche.activities.support.Json;
import dev.tranche.api.security.PartnerApiKeys;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
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

  PartnerController(PartnerService service) {
    this.service = service;
  }

  @PostMapping("/financing-offers")
  ResponseEntity<Map<String, Object>> financingOffer(@PathVariable String partnerId,
      @Valid @RequestBody FinancingOfferRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    // A key opens only its own partner's door; another partner's id looks like it does not exist.
    if (!partnerId.equals(PartnerApiKeys.partnerId(auth))) {
      throw ApiProblem.notFound("partner " + partnerId);
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 characters");
    }
    var invitation = service.invite(partnerId, request, idempotencyKey,
        Idempotency.hash(json.writeValueAsString(request)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", invitation.applicationId());
    body.put("status", "INVITED");
    body.put("jobId", request.job().id());
    body.put("linkExpiresAt", invitation.linkExpiresAt());
    body.put("linkSentTo", "sms");
    return ResponseEntity.status(invitation.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/v1/partners/" + partnerId + "/financing-offers/" + invitation.applicationId()))
        .body(body);
  }
}
