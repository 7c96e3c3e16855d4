package dev.tranche.api.application;

import dev.tranche.activities.support.Json;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import dev.tranche.application.AcceptOfferRequest;
import dev.tranche.application.AcceptanceResult;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/applications")
class ApplicationController {

  private final ApplicationService service;
  private final ApplicationQueries queries;
  private final WorkflowClient temporal;
  private final JsonMapper json = Json.MAPPER;

  ApplicationController(ApplicationService service, ApplicationQueries queries, WorkflowClient temporal) {
    this.service = service;
    this.queries = queries;
    this.temporal = temporal;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> submit(@Valid @RequestBody ApplicationRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    String hash = Idempotency.hash(json.writeValueAsString(request));
    var submitted = service.submit(auth.getName(), request, idempotencyKey, hash);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", submitted.applicationId());
    body.put("status", queries.find(UUID.fromString(submitted.applicationId())).map(a -> a.status()).orElse("SUBMITTED"));
    body.put("links", queries.links(submitted.applicationId()));
    return ResponseEntity.accepted().location(URI.create("/api/v1/applications/" + submitted.applicationId()))
        .body(body);
  }

  @GetMapping("/{id}")
  ApplicationQueries.ApplicationView get(@PathVariable UUID id, Authentication auth) {
    return visible(id, auth);
  }

  @GetMapping("/{id}/offers")
  Map<String, Object> offers(@PathVariable UUID id, Authentication auth) {
    var application = visible(id, auth);
    return Map.of("applicationId", application.applicationId(), "status", application.status(),
        "offers", queries.offers(id));
  }

  @GetMapping("/{id}/adverse-action-notice")
  ApplicationQueries.AdverseActionView adverseAction(@PathVariable UUID id, Authentication auth) {
    visible(id, auth);
    return queries.adverseAction(id).orElseThrow(() -> ApiProblem.notFound("an adverse action notice for " + id));
  }

  @PostMapping("/{id}/acceptance")
  ResponseEntity<Map<String, Object>> accept(@PathVariable UUID id, @Valid @RequestBody AcceptanceRequest request,
      Authentication auth, HttpServletRequest http) {
    var application = visible(id, auth);
    var signed = queries.signature(id);
    if (signed.isPresent()) {
      if (!signed.get().offerId().equals(request.offerId())) {
        throw ApiProblem.conflict("offer " + signed.get().offerId() + " was already accepted");
      }
      return ResponseEntity.ok(acceptance(application.applicationId(), signed.get().offerId(),
          signed.get().agreementSha256(), signed.get().signedAt()));
    }
    LoanApplicationWorkflow workflow = temporal.newWorkflowStub(LoanApplicationWorkflow.class,
        WorkflowIds.application(id.toString()));
    String userAgent = http.getHeader("User-Agent");
    AcceptanceResult result = workflow.acceptOffer(new AcceptOfferRequest(request.offerId(), auth.getName(),
        request.signatureName(), http.getRemoteAddr(), userAgent == null ? null : truncate(userAgent, 500)));
    return ResponseEntity.status(HttpStatus.OK).body(acceptance(result.applicationId(), result.offerId(),
        result.agreementSha256(), Instant.ofEpochMilli(result.signedAtMillis())));
  }

  private static Map<String, Object> acceptance(String applicationId, String offerId, String sha, Instant at) {
    return Map.of("applicationId", applicationId, "offerId", offerId, "agreementSha256", sha, "signedAt", at,
        "links", List.of("/api/v1/applications/" + applicationId));
  }

  private ApplicationQueries.ApplicationView visible(UUID id, Authentication auth) {
    var application = queries.find(id).orElseThrow(() -> ApiProblem.notFound("application " + id));
    if (!Caller.of(auth).mayRead(application.borrowerId())) {
      throw ApiProblem.notFound("application " + id);
    }
    return application;
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
