package dev.tranche.api.webhook;

import dev.tranche.activities.inbox.WebhookEvents;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.WorkflowIds;
import dev.tranche.disbursement.DisbursementWorkflow;
import dev.tranche.disbursement.FundingConfirmation;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Lender webhooks. The signature is checked before anything is parsed; an event id is
 * acknowledged once (a replay answers 200 and does nothing); {@code loan.funded} becomes the
 * disbursement workflow's {@code fundingConfirmed} signal, recorded in the same transaction.
 */
@RestController
@RequestMapping("/api/v1/webhooks/lenders")
class LenderWebhookController {

  private static final Logger log = LoggerFactory.getLogger(LenderWebhookController.class);

  private final WebhookSignatures signatures;
  private final WebhookEvents inbox;
  private final WorkflowClient temporal;

  LenderWebhookController(WebhookSignatures signatures, WebhookEvents inbox, WorkflowClient temporal) {
    this.signatures = signatures;
    this.inbox = inbox;
    this.temporal = temporal;
  }

  @Operation(summary = "A lender's funding webhook: the loan it funded, or failed to (signed with that lender's"
      + " secret)")
  @PostMapping("/{lender}")
  ResponseEntity<WebhookReceipt> receive(@PathVariable String lender,
      @RequestHeader(name = "X-Lender-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Lender-Signature", required = false) String signature,
      @RequestBody(required = false) String body) {
    signatures.verify(lender, timestamp, signature, body);
    JsonNode event = WebhookBodies.parse(body);
    String eventId = event.path("eventId").asString("");
    String type = event.path("type").asString("");
    String reference = event.path("reference").asString("");
    if (eventId.isBlank() || type.isBlank() || eventId.length() > 200) {
      throw ApiProblem.badRequest("eventId and type are required");
    }
    if (type.equals("loan.funded") && !reference.matches("^[0-9a-f-]{36}$")) {
      throw ApiProblem.badRequest("loan.funded needs the loan reference");
    }
    boolean fresh = inbox.once("lender:" + lender, eventId, type, () -> {
      if (type.equals("loan.funded")) {
        signalFunded(reference, eventId, event);
      }
      return true;
    }).isPresent();
    return ResponseEntity.status(HttpStatus.OK).body(new WebhookReceipt(eventId, fresh ? "accepted" : "duplicate"));
  }

  private void signalFunded(String loanId, String eventId, JsonNode event) {
    String fundedAt = event.path("fundedAt").asString(null);
    long fundedAtMillis = fundedAt == null ? Instant.now().toEpochMilli() : Instant.parse(fundedAt).toEpochMilli();
    try {
      temporal.newWorkflowStub(DisbursementWorkflow.class, WorkflowIds.disbursement(loanId))
          .fundingConfirmed(new FundingConfirmation(eventId, event.path("lenderLoanId").asString(""), fundedAtMillis));
    } catch (WorkflowNotFoundException closed) {
      // The disbursement already finished (e.g. by polling): the event is recorded, nothing to wake.
      log.info("loan.funded {} for {} arrived after the disbursement closed", eventId, loanId);
    }
  }
}
