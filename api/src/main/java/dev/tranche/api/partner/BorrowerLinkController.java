package dev.tranche.api.partner;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.partner.BorrowerLinks;
import dev.tranche.api.application.ApplicationLinks;
import dev.tranche.api.security.TokenIssuer;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.Roles;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The borrower's side of a partner invitation. The link's token is the credential: it shows the
 * application prefilled with what the CRM sent (nothing more), and completes it once. An expired
 * link answers 410, a used one 409, an unknown one 404.
 */
@RestController
@RequestMapping("/api/v1/borrower-links/{token}")
class BorrowerLinkController {

  private static final Logger log = LoggerFactory.getLogger(BorrowerLinkController.class);

  private final BorrowerLinks links;
  private final ApplicantStore applicants;
  private final TransactionTemplate tx;
  private final PartnerQueries queries;
  private final WorkflowClient temporal;
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
  record Submitted(String applicationId, String status, String accessToken, ApplicationLinks links) {
  }

  BorrowerLinkController(BorrowerLinks links, ApplicantStore applicants, TransactionTemplate tx, PartnerQueries queries,
      WorkflowClient temporal, TokenIssuer tokens) {
    this.links = links;
    this.applicants = applicants;
    this.tx = tx;
    this.queries = queries;
    this.temporal = temporal;
    this.tokens = tokens;
  }

  @GetMapping
  Prefilled prefilled(@PathVariable String token) {
    BorrowerLinks.Link link = usable(token);
    PartnerQueries.Invitation invitation = queries.invitation(link.applicationId());
    return new Prefilled(link.applicationId(), "INVITED", invitation.partner(),
        new Customer(invitation.firstName(), invitation.lastName(), invitation.email(), invitation.phone()),
        new Job(invitation.jobId(), invitation.jobDescription()),
        new Amount(invitation.estimateAmount(), invitation.currency()), link.expiresAt(),
        List.of("dateOfBirth", "ssn", "address", "monthlyIncome", "consents"));
  }

  @PostMapping("/submit")
  ResponseEntity<Submitted> submit(@PathVariable String token, @Valid @RequestBody LinkSubmission s) {
    BorrowerLinks.Link link = usable(token);
    String borrowerId = queries.borrowerOf(link.applicationId());
    tx.executeWithoutResult(status -> {
      if (!links.consume(token)) {
        throw usedOrExpired(links.find(token).orElseThrow());
      }
      applicants.completeInvited(link.applicationId(), new ApplicantStore.Completion(s.ssn(), s.dateOfBirth(),
          s.address().line1(), s.address().city(), s.address().region(), s.address().postalCode(),
          s.address().country(), s.monthlyIncome(), s.consents().creditPull(), s.consents().esignDisclosure()),
          borrowerId);
    });
    try {
      temporal.newWorkflowStub(LoanApplicationWorkflow.class, WorkflowIds.application(link.applicationId()))
          .borrowerSubmitted();
    } catch (RuntimeException e) {
      // The submission is committed; the workflow checks the store when the link's wait ends.
      log.warn("signal to application {} failed; the workflow will find the submission itself", link.applicationId());
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Submitted(link.applicationId(), "SUBMITTED",
        tokens.issue(borrowerId, List.of(Roles.BORROWER), Duration.ofHours(24)),
        ApplicationLinks.of(link.applicationId())));
  }

  private BorrowerLinks.Link usable(String token) {
    BorrowerLinks.Link link = links.find(token).orElseThrow(() -> ApiProblem.notFound("borrower link"));
    if (link.usedAt() != null || link.expired(Instant.now())) {
      throw usedOrExpired(link);
    }
    return link;
  }

  private static ApiProblem usedOrExpired(BorrowerLinks.Link link) {
    return link.usedAt() != null ? ApiProblem.conflict("this link was already used")
        : new ApiProblem(HttpStatus.GONE, "Gone", "this link expired at " + link.expiresAt());
  }
}
