package dev.tranche.activities.chain;

import dev.tranche.activities.support.AfterCommit;
import dev.tranche.chain.PaymentRecord;
import dev.tranche.chain.PaymentRecordWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Payments on the record for loans funded on chain: a payment booked on a loan that was paid out to the borrower's
 * wallet starts its {@code payment-record-{ledgerKey}} workflow (once, by that key) on the loan's chain, which
 * writes it to the receipts contract. Pool-funded loans and bills need none: the pool's repay call is their record.
 */
@Component
public class PaymentRecords {

  /** A payment as recorded on chain; {@code receipt} is keccak-256 of the ledger key. */
  public record Recorded(String ledgerKey, String receipt, BigDecimal amount, String currency, String txHash,
      long block, String status) {
  }

  private final ChainProperties chains;
  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  PaymentRecords(ChainProperties chains, JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this.chains = chains;
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** A payment of {@code amount} booked under {@code ledgerKey}: recorded on chain if the loan was funded there. */
  public void paymentBooked(String loanId, Money amount, String ledgerKey) {
    if (!amount.positive()) {
      return;
    }
    jdbc.sql("""
            select c.chain from collateral_requirements c
             where c.loan_id = ? and exists (select 1 from ledger_transfers t where t.idempotency_key = ?)
             limit 1""")
        .params(UUID.fromString(loanId), "payout:" + loanId)
        .query(String.class).optional()
        .filter(this::hasReceipts)
        .ifPresent(chain -> AfterCommit.run(() -> start(new PaymentRecord(chain, loanId, ledgerKey, amount))));
  }

  /** The loan's payments as recorded on chain, oldest first. */
  public List<Recorded> of(String loanId) {
    return jdbc.sql("""
            select ledger_key, receipt, amount, currency, tx_hash, block_number, status from payment_records
             where loan_id = ? order by created_at""")
        .param(UUID.fromString(loanId))
        .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
            rs.getString(5), rs.getLong(6), rs.getString(7)))
        .list();
  }

  private boolean hasReceipts(String chain) {
    ChainProperties.ChainConfig config = chains.chains() == null ? null : chains.chains().get(chain);
    return config != null && config.receiptsAddress() != null && !config.receiptsAddress().isBlank();
  }

  private void start(PaymentRecord payment) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.paymentRecord(payment.ledgerKey())).setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build();
    try {
      WorkflowClient.start(temporal.getObject().newWorkflowStub(PaymentRecordWorkflow.class, options)::record,
          payment);
    } catch (WorkflowExecutionAlreadyStarted recorded) {
      // Recorded already, or being recorded: one record per payment.
    }
  }
}
