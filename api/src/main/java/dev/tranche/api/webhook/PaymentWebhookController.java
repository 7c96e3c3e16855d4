package dev.tranche.api.webhook;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.inbox.WebhookEvents;
import dev.tranche.activities.servicing.SuspensePayments;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.servicing.ExcessPolicy;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.PaymentReceived;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Payments from outside (bank transfer, bill pay), signed by the processor. Matched to a loan (reference
 * {@code TR…}) or a BNPL bill ({@code TB…}) by its payment reference and handed to its workflow; a payment
 * that matches neither is posted to suspense for ops. Each event id counts once.
 */
@RestController
class PaymentWebhookController {

  private final PaymentSignatures signatures;
  private final WebhookEvents inbox;
  private final SuspensePayments suspense;
  private final WorkflowClient temporal;
  private final Bills bills;

  PaymentWebhookController(PaymentSignatures signatures, WebhookEvents inbox, SuspensePayments suspense,
      WorkflowClient temporal, Bills bills) {
    this.bills = bills;
    this.signatures = signatures;
    this.inbox = inbox;
    this.suspense = suspense;
    this.temporal = temporal;
  }

  @Operation(summary = "The payment rail's webhook: a bank transfer received or returned (signed:"
      + " X-Payments-Timestamp, X-Payments-Signature)")
  @PostMapping("/api/v1/webhooks/payments")
  ResponseEntity<WebhookReceipt> receive(
      @RequestHeader(name = "X-Payments-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Payments-Signature", required = false) String signature,
      @RequestBody(required = false) String body) {
    signatures.verify(timestamp, signature, body);
    JsonNode event = WebhookBodies.parse(body);
    String eventId = event.path("eventId").asString("");
    String reference = event.path("paymentReference").asString("");
    String currency = event.path("currency").asString("");
    if (!eventId.matches("^[A-Za-z0-9_.:-]{1,100}$") || !reference.matches("^[A-Z0-9]{4,40}$")
        || !currency.equals("USD") || !event.path("amount").isNumber() && !event.path("amount").isString()) {
      throw ApiProblem.badRequest("eventId, paymentReference, amount and currency (USD) are required");
    }
    BigDecimal amount;
    Instant receivedAt;
    try {
      amount = new BigDecimal(event.path("amount").asString());
      receivedAt = event.hasNonNull("receivedAt") ? Instant.parse(event.path("receivedAt").asString()) : Instant.now();
    } catch (RuntimeException e) {
      throw ApiProblem.badRequest("amount must be a decimal and receivedAt an ISO-8601 instant");
    }
    if (amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("1000000")) > 0) {
      throw ApiProblem.badRequest("amount must be positive, at most 1,000,000.00, in cents");
    }
    Money money = new Money(amount.setScale(2), Currency.getInstance(currency));
    String excessField = event.path("applyExcessTo").asString("PRINCIPAL");
    ExcessPolicy excess;
    try {
      excess = ExcessPolicy.valueOf(excessField);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("applyExcessTo is PRINCIPAL (shorten the term) or NEXT_INSTALLMENT");
    }
    Optional<String> loanId = suspense.loanOf(reference);
    Optional<String> billId = reference.startsWith("TB") ? bills.billOfReference(reference) : Optional.empty();
    String outcome = inbox.once("payments", eventId, "payment.received", () -> {
      if (billId.isPresent()) {
        try {
          temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId.get()))
              .paymentReceived(new PaymentReceived("ext:" + eventId, money, receivedAt.toEpochMilli()));
          return "matched";
        } catch (io.temporal.client.WorkflowNotFoundException closed) {
          // The bill is closed (paid, or with the agency): the money waits in suspense for ops.
        }
      }
      if (loanId.isPresent()) {
        try {
          // Signalled inside the inbox's transaction: if it fails the event is not marked seen and the
          // processor retries; the workflow de-duplicates by the event id.
          temporal.newWorkflowStub(LoanServicingWorkflow.class, WorkflowIds.loan(loanId.get()))
              .paymentReceived(new PaymentReceived("ext:" + eventId, money, receivedAt.toEpochMilli(), excess));
          return "matched";
        } catch (io.temporal.client.WorkflowNotFoundException closed) {
          // The loan is closed (paid off): the money waits in suspense for ops to refund or apply.
        }
      }
      suspense.hold(eventId, reference, money, receivedAt);
      return "suspense";
    }).orElse("duplicate");
    return ResponseEntity.ok(new WebhookReceipt(eventId, outcome));
  }
}
