package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Refused;
import dev.tranche.chain.LiquidationRequest;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ops triggering a loan's collateral liquidation, for the API and the console alike: the loan must hold
 * collateral on-chain; the same {@code liquidation-{loanId}} workflow as the monitor's and collections'
 * starts, so any number of triggers make one liquidation; a start is audited with its reason.
 */
@Component
public class LiquidationDesk {

  /** What a trigger did. */
  public enum Outcome { STARTED, ALREADY_RUNNING }

  private final CollateralReads reads;
  private final ObjectProvider<WorkflowClient> temporal;
  private final AuditLog audit;

  LiquidationDesk(CollateralReads reads, ObjectProvider<WorkflowClient> temporal, AuditLog audit) {
    this.reads = reads;
    this.temporal = temporal;
    this.audit = audit;
  }

  /** Whether the loan holds, or held, collateral on-chain (so a liquidation can be asked for). */
  public boolean liquidatable(UUID loanId) {
    return reads.collateralChain(loanId).isPresent();
  }

  public Outcome trigger(UUID loanId, String reason, String actor) {
    if (!reads.loanExists(loanId)) {
      throw Refused.notFound("loan " + loanId);
    }
    String chain = reads.collateralChain(loanId)
        .orElseThrow(() -> Refused.conflict("loan " + loanId + " has no collateral locked on-chain"));
    boolean started = Liquidations.start(temporal.getObject(),
        new LiquidationRequest(loanId.toString(), chain, "ops " + actor + ": " + reason));
    if (started) {
      audit.record(actor, "LIQUIDATION_TRIGGERED", "loan", loanId.toString(), Map.of("reason", reason));
    }
    return started ? Outcome.STARTED : Outcome.ALREADY_RUNNING;
  }
}
