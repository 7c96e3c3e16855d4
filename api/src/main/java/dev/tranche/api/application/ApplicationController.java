package dev.tranche.api.application;

import dev.tranche.activities.application.ApplicationReads;
import dev.tranche.activities.application.OfferAcceptance;
import dev.tranche.activities.support.Json;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
  private final ApplicationReads queries;
  private final OfferAcceptance acceptance;
  private final JsonMapper json = Json.MAPPER;

  /** An application taken in: its status so far and where to follow it. */
  record Submitted(String applicationId, String status, ApplicationLinks links) {
  }

  /** The offers an application holds. */
  record Offers(String applicationId, String status, List<ApplicationReads.OfferView> offers) {
  }

  /** An offer accepted and signed: the agreement's hash and when it was signed. */
  record Accepted(String applicationId, String offerId, String agreementSha256, Instant signedAt,
      List<String> links) {

    static Accepted of(String applicationId, String offerId, String sha, Instant at) {
      return new Accepted(applicationId, offerId, sha, at, List.of("/api/v1/applications/" + applicationId));
    }
  }

  ApplicationController(ApplicationService service, ApplicationReads queries, OfferAcceptance acceptance) {
    this.service = service;
    this.queries = queries;
    this.acceptance = acceptance;
  }

  @Operation(summary = "Submits a loan application (BORROWER; Idempotency-Key); 202 and the workflow carries on."
      + " With Prefer: wait=N (1-30 s) the answer waits for the decision: 201 with the application (status,"
      + " decision, reasons) and Preference-Applied when it came in time, else 202 as without it")
  @ApiResponse(responseCode = "202", description = "Submitted; the workflow carries on",
      content = @Content(schema = @Schema(implementation = Submitted.class)))
  @ApiResponse(responseCode = "201", description = "Prefer: wait=N and the decision came in time",
      content = @Content(schema = @Schema(implementation = ApplicationReads.ApplicationView.class)))
  @PostMapping
  ResponseEntity<?> submit(@Valid @RequestBody ApplicationRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer, Authentication auth) {
    String hash = Idempotency.hash(json.writeValueAsString(request));
    var submitted = service.submit(auth.getName(), request, idempotencyKey, hash);
    UUID id = UUID.fromString(submitted.applicationId());
    URI location = URI.create("/api/v1/applications/" + submitted.applicationId());
    Integer wait = PreferWait.seconds(prefer);
    if (wait != null && service.awaitDecision(submitted.applicationId(), wait)) {
      var decided = queries.find(id);
      if (decided.isPresent()) {
        return ResponseEntity.created(location).header("Preference-Applied", "wait=" + wait).body(decided.get());
      }
    }
    Submitted body = new Submitted(submitted.applicationId(), queries.find(id).map(a -> a.status())
        .orElse("SUBMITTED"), ApplicationLinks.of(submitted.applicationId()));
    return ResponseEntity.accepted().location(location).body(body);
  }

  @Operation(summary = "An application's status, decision and reason codes (its borrower, staff)")
  @GetMapping("/{id}")
  ApplicationReads.ApplicationView get(@PathVariable UUID id, Authentication auth) {
    return visible(id, auth);
  }

  @Operation(summary = "The offers made, cheapest total cost first, each with its Truth in Lending disclosure")
  @GetMapping("/{id}/offers")
  Offers offers(@PathVariable UUID id, Authentication auth) {
    var application = visible(id, auth);
    return new Offers(application.applicationId(), application.status(), queries.offers(id));
  }

  @Operation(summary = "The adverse action notice of a declined application (ECOA/FCRA reasons, score)")
  @GetMapping("/{id}/adverse-action-notice")
  ApplicationReads.AdverseActionView adverseAction(@PathVariable UUID id, Authentication auth) {
    visible(id, auth);
    return queries.adverseAction(id).orElseThrow(() -> ApiProblem.notFound("an adverse action notice for " + id));
  }

  @Operation(summary = "Accepts and e-signs an offer (the agreement's hash is recorded); funding follows")
  @PostMapping("/{id}/acceptance")
  ResponseEntity<Accepted> accept(@PathVariable UUID id, @Valid @RequestBody AcceptanceRequest request,
      Authentication auth, HttpServletRequest http) {
    visible(id, auth);
    OfferAcceptance.Signed signed = acceptance.accept(id, request.offerId(), new OfferAcceptance.Signer(
        auth.getName(), request.signatureName(), http.getRemoteAddr(), http.getHeader("User-Agent")));
    return ResponseEntity.ok(Accepted.of(signed.applicationId(), signed.offerId(), signed.agreementSha256(),
        signed.signedAt()));
  }

  private ApplicationReads.ApplicationView visible(UUID id, Authentication auth) {
    var application = queries.find(id).orElseThrow(() -> ApiProblem.notFound("application " + id));
    if (!Caller.of(auth).mayRead(application.borrowerId())) {
      throw ApiProblem.notFound("application " + id);
    }
    return application;
  }
}
