package dev.tranche.collections;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;
import java.util.List;

/**
 * One missed installment's collection case ({@code collection-{loanId}-{installment}}): the dunning
 * ladder measured from the missed due date, cancelled by a cure, paused by a promise to pay.
 */
@WorkflowInterface
public interface CollectionWorkflow {

  @WorkflowMethod
  CollectionOutcome collect(CollectionRequest request);

  /** The installment is paid: the case closes. */
  @SignalMethod
  void cured();

  /** The borrower promised to pay by {@code until}: stages wait until then. */
  @SignalMethod
  void pause(LocalDate until);

  /** The loan was charged off: the case closes. */
  @SignalMethod
  void chargedOff();

  @QueryMethod
  List<String> stages();
}
