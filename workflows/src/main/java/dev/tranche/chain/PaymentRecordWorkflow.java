package dev.tranche.chain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Writes one payment to the receipts contract, id {@code payment-record-{ledgerKey}} on the chain queue (the
 * business key: a payment is recorded once however often its booking is retried): sends, confirms, books.
 * Returns how the transaction ended, MINED or REVERTED.
 */
@WorkflowInterface
public interface PaymentRecordWorkflow {

  @WorkflowMethod
  String record(PaymentRecord payment);
}
