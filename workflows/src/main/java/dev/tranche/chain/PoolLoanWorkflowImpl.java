package dev.tranche.chain;

import dev.tranche.money.Money;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;

/** One call at a time, in arrival order; a repeated key is skipped. */
public class PoolLoanWorkflowImpl implements PoolLoanWorkflow {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private final ChainActivities book = Workflow.newActivityStub(ChainActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  private final Queue<PoolCall> queue = new ArrayDeque<>();
  private final Set<String> seen = new HashSet<>();
  private final List<String> done = new ArrayList<>();
  private Money outstanding;
  private boolean drawn;
  private boolean unfunded;

  @Override
  public void run(String chainName, String loanId) {
    while (true) {
      Workflow.await(() -> !queue.isEmpty());
      PoolCall call = queue.poll();
      if (unfunded || !drawn && !PoolCall.DRAW.equals(call.kind()) || drawn && PoolCall.DRAW.equals(call.kind())) {
        done.add(call.key() + " SKIPPED");
        continue;
      }
      PoolCall sent = call;
      if (PoolCall.REPAY.equals(call.kind()) && call.closingFee() != null && call.closingFee().positive()
          && outstanding.minus(call.principal()).compareTo(Money.zero(outstanding.currency())) <= 0) {
        sent = call.withInterest(call.interest().plus(call.closingFee()));
      }
      ChainTx tx = chain.submitPoolCall(sent);
      TxOutcome outcome = Transactions.confirm(chain, receipts, chainName, tx);
      book.bookPoolMovement(new PoolMovement(sent, outcome.txHash(), outcome.blockNumber(), outcome.success()));
      done.add(call.key() + (outcome.success() ? " MINED" : " REVERTED"));
      if (outcome.success()) {
        switch (sent.kind()) {
          case PoolCall.DRAW -> {
            drawn = true;
            outstanding = sent.principal();
          }
          default -> outstanding = outstanding.minus(sent.principal());
        }
      } else if (PoolCall.DRAW.equals(sent.kind())) {
        unfunded = true;
      }
      book.reconcilePool(chainName);
      if (unfunded || drawn && !outstanding.positive() && queue.isEmpty()) {
        return;
      }
    }
  }

  @Override
  public void movement(PoolCall call) {
    if (seen.add(call.key())) {
      queue.add(call);
    }
  }

  @Override
  public List<String> movements() {
    return List.copyOf(done);
  }
}
