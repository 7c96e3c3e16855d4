package dev.tranche.chain;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The liquidity pool's side of one pool-funded loan or bill, id {@code pool-loan-{loanId}}, on the chain
 * queue: the draw, then each repayment and write-off in the order they were booked, each sent once,
 * confirmed, booked in the pool's ledger and reconciled against the contract. Ends when the drawn principal
 * is repaid or written off (or the draw did not go through: the loan is then funded from Tranche's cash).
 */
@WorkflowInterface
public interface PoolLoanWorkflow {

  @WorkflowMethod
  void run(String chain, String loanId);

  @SignalMethod
  void movement(PoolCall call);

  /** Each call's key and how it ended (MINED, REVERTED, SKIPPED). */
  @QueryMethod
  List<String> movements();
}
