package dev.tranche.api.partner;

import dev.tranche.activities.partner.LinkCompletion;
import dev.tranche.activities.partner.LinkSubmission;
import dev.tranche.api.application.ApplicationLinks;
import dev.tranche.api.security.TokenIssuer;
import dev.tranche.common.Roles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The borrower's side of a partner invitation as JSON ({@link LinkCompletion}; the texted link opens the
 * same flow as a page). An expired link answers 410, a used one 409, an unknown one 404.
 */
@RestController
@RequestMapping("/api/v1/borrower-links/{token}")
class BorrowerLinkController {

  private final LinkCompletion links;
  private final TokenIssuer tokens;

  /** The customer as the partner named them. */
  record Customer(String firstName, String lastName, String email, String phone) {
  }

  /** The partner's job the financing is for. */
  record Job(String id, String description) {
  }

  record Amount(java.math.BigDecimal amount, String currency) {
  }

  /** What the partner already told us, and what the borrower still has to give ({@code needs}). */
  record Prefilled(String applicationId, String status, String partner, Customer customer, Job job,
      Amount requestedAmount, Instant expiresAt, List<String> needs) {
  }

  /** The application completed by the borrower, with a token to follow it. */
  record LinkSubmitted(String applicationId, String status, String accessToken, ApplicationLinks links) {
  }

  BorrowerLinkController(LinkCompletion links, TokenIssuer tokens) {
    this.links = links;
    this.tokens = tokens;
  }

  @Operation(summary = "What a partner sent for a texted borrower link (the link's token is the credential)")
  @GetMapping
  Prefilled prefilled(@PathVariable String token) {
    LinkCompletion.Invitation invitation = links.invitation(token);
    return new Prefilled(invitation.applicationId(), "INVITED", invitation.partner(),
        new Customer(invitation.firstName(), invitation.lastName(), invitation.email(), invitation.phone()),
        new Job(invitation.jobId(), invitation.jobDescription()),
        new Amount(invitation.estimateAmount(), invitation.currency()), invitation.expiresAt(),
        List.of("dateOfBirth", "ssn", "address", "monthlyIncome", "consents"));
  }

  @Operation(summary = "Completes a borrower link: the fields only the borrower gives and the consents; 202 and a"
      + " session token")
  @PostMapping("/submit")
  ResponseEntity<LinkSubmitted> submit(@PathVariable String token, @Valid @RequestBody LinkSubmission s) {
    LinkCompletion.Completed done = links.complete(token, s.completion());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new LinkSubmitted(done.applicationId(), "SUBMITTED",
        tokens.issue(done.borrowerId(), List.of(Roles.BORROWER), Duration.ofHours(24)),
        ApplicationLinks.of(done.applicationId())));
  }
}
