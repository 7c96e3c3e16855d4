package dev.tranche.bnpl;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;

/**
 * One merchant's daily settlement batch, id {@code settlement-{merchantId}-{businessDate}}: after the
 * business date ends (UTC), one ledger transfer and one payout for everything captured and refunded
 * up to it that no earlier batch took; the merchant is told with {@code settlement.paid}.
 */
@WorkflowInterface
public interface SettlementWorkflow {

  @WorkflowMethod
  Settlement settle(String merchantId, LocalDate businessDate);
}
