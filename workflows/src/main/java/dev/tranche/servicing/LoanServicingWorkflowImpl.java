package dev.tranche.servicing;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class LoanServicingWorkflowImpl implements LoanServicingWorkflow {

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final ServicingState state;
  private final List<PaymentReceived> unapplied;

  @WorkflowInit
  public LoanServicingWorkflowImpl(ServicingState state) {
    this.state = state;
    this.unapplied = new ArrayList<>(state.unappliedPayments());
  }

  @Override
  public void service(ServicingState ignored) {
    if (state.nextInstallment() == 1) {
      registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
          "ACTIVE"));
    }
    if (state.nextInstallment() > state.schedule().size()) {
      return;
    }
    Installment next = current();
    long dueAt = LocalDates.startOfDayMillis(next.dueDate());
    long wait = Math.max(0, dueAt - Workflow.currentTimeMillis());
    Workflow.sleep(Duration.ofMillis(wait));
    // Hand the state to the next run only once every signal handler has finished, so a payment
    // arriving at the boundary is carried forward, never dropped.
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(new ServicingState(state.loanId(), state.schedule(), state.nextInstallment() + 1,
        state.principalOutstanding(), unapplied));
  }

  @Override
  public void paymentReceived(PaymentReceived payment) {
    boolean seen = unapplied.stream().anyMatch(p -> p.paymentReference().equals(payment.paymentReference()));
    if (!seen) {
      unapplied.add(payment);
    }
  }

  @Override
  public LoanBalance balance() {
    Money pending = Money.zero(state.principalOutstanding().currency());
    for (PaymentReceived payment : unapplied) {
      pending = pending.plus(payment.amount());
    }
    boolean done = state.nextInstallment() > state.schedule().size();
    Installment next = done ? null : current();
    return new LoanBalance(state.loanId(), state.principalOutstanding(), state.nextInstallment(),
        next == null ? null : next.dueDate(), next == null ? null : next.total(), pending);
  }

  private Installment current() {
    return state.schedule().get(state.nextInstallment() - 1);
  }
}
