package dev.tranche.chain;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class PaymentRecordWorkflowImpl implements PaymentRecordWorkflow {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private final ChainActivities book = Workflow.newActivityStub(ChainActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  @Override
  public String record(PaymentRecord payment) {
    ChainTx tx = chain.submitPaymentRecord(payment);
    TxOutcome outcome = Transactions.confirm(chain, receipts, payment.chain(), tx);
    book.bookPaymentRecord(new PaymentRecorded(payment, outcome.txHash(), outcome.blockNumber(), outcome.success()));
    return outcome.success() ? "MINED" : "REVERTED";
  }
}
