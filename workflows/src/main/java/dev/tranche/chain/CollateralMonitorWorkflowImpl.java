package dev.tranche.chain;

import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

public class CollateralMonitorWorkflowImpl implements CollateralMonitorWorkflow {

  /** The longest a monitor waits between two reads of a position that has not changed. */
  static final long LONGEST_WAIT_SECONDS = 6 * 3600;

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final NotificationActivities sms = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());

  private boolean woken;

  @Override
  public LiquidationOutcome watch(MonitorRequest request) {
    // Runs from before it read at a fixed interval and could not be woken: a moved clock fired every interval.
    boolean backsOff = Workflow.getVersion("monitor-backs-off-and-wakes", Workflow.DEFAULT_VERSION, 1) == 1;
    boolean marginCalled = request.marginCalled();
    int marginCalls = request.marginCalls();
    long wait = request.intervalSeconds();
    String lastReading = null;
    for (int check = 0; check < 500; check++) {
      woken = false;
      OnChainPosition position = chain.readPosition(new VaultLoan(request.chain(), request.loanId()));
      if (position.status() != VaultStatus.LOCKED && position.status() != VaultStatus.DEPOSITED) {
        return new LiquidationOutcome(request.loanId(), position.status().name(), null);
      }
      if (position.priceProblem() != null) {
        chain.recordAlert(new CollateralAlert(request.loanId(), "price unusable: " + position.priceProblem()));
      } else if (position.liquidatable()) {
        // Runs from before the chain's price watcher started the liquidation themselves. Now the watcher does, on
        // the price round that made the position unsafe (one batched read of every position): the monitor only
        // texts margin calls, and ends when the chain shows the position liquidated.
        if (Workflow.getVersion("liquidation-by-price-watch", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
          chain.startLiquidation(new LiquidationRequest(request.loanId(), request.chain(),
              "health factor " + position.healthFactorWad()));
        }
      } else if (position.healthFactorWad() != null) {
        boolean low = new BigInteger(position.healthFactorWad()).compareTo(MARGIN_CALL_WAD) < 0;
        if (low && !marginCalled) {
          marginCalls++;
          Texts.send(sms, new Sms("margin-call:" + request.loanId() + ":" + marginCalls, request.applicationId(),
              "margin-call", Map.of("healthFactor", position.healthFactorWad())));
        }
        marginCalled = low;
      }
      if (!backsOff) {
        Workflow.sleep(Duration.ofSeconds(request.intervalSeconds()));
        continue;
      }
      String reading = position.status() + " " + position.healthFactorWad() + " " + position.priceProblem();
      wait = reading.equals(lastReading) ? Math.min(wait * 2, Math.max(LONGEST_WAIT_SECONDS, request.intervalSeconds()))
          : request.intervalSeconds();
      lastReading = reading;
      Workflow.await(Duration.ofSeconds(wait), () -> woken);
    }
    Workflow.continueAsNew(request.continued(marginCalls, marginCalled));
    return null;
  }

  @Override
  public void wake() {
    woken = true;
  }
}
