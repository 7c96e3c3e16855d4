package dev.tranche.servicing;

import dev.tranche.collections.CollectionActivities;
import dev.tranche.collections.CollectionWorkflow;
import dev.tranche.common.WorkflowIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A loan's collection cases as its servicing run sees them: one per missed installment, each its own
 * workflow ({@code collection-{loanId}-{n}}, not a child: a case outlives the run by weeks). The run
 * opens a case for each new arrear, tells a case when its installment is paid (cured) or the loan
 * charged off, and pauses the cases while a promise to pay stands.
 */
final class CollectionCases {

  private final String loanId;
  private final CollectionActivities activities = Workflow.newActivityStub(CollectionActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());
  private final List<Integer> open;
  private LocalDate promisedUntil;

  CollectionCases(String loanId, List<Integer> open, LocalDate promisedUntil) {
    this.loanId = loanId;
    this.open = new ArrayList<>(open);
    this.promisedUntil = promisedUntil;
  }

  List<Integer> open() {
    return List.copyOf(open);
  }

  LocalDate promisedUntil() {
    return promisedUntil;
  }

  /**
   * A case for each arrear without one. The case id is the business key, so a case the daily sweep
   * opened first is not opened twice; a new case honours a standing promise to pay.
   */
  void openFor(List<Arrear> arrears, LoanTerms terms) {
    for (Arrear arrear : arrears) {
      if (open.contains(arrear.installment())) {
        continue;
      }
      activities.openCase(terms.collectionFor(loanId, arrear));
      open.add(arrear.installment());
      if (promisedUntil != null) {
        pause(arrear.installment(), promisedUntil);
      }
    }
  }

  /** Every case whose installment is no longer owed is cured. */
  void cure(List<Arrear> stillOwed) {
    for (Integer installment : List.copyOf(open)) {
      if (cured(installment, stillOwed)) {
        tell(installment, true);
        open.remove(installment);
      }
    }
  }

  /** Whether the case of {@code installment} is cured: nothing of it is still owed. */
  static boolean cured(int installment, List<Arrear> stillOwed) {
    return stillOwed.stream().noneMatch(a -> a.installment() == installment);
  }

  /** The loan ended: every case is told it was paid ({@code cured}) or charged off. */
  void closeAll(boolean cured) {
    for (Integer installment : open) {
      tell(installment, cured);
    }
    open.clear();
  }

  /** The borrower promised to pay by {@code date}: the cases' ladders wait until then. */
  void promise(LocalDate date) {
    promisedUntil = date;
    for (Integer installment : open) {
      pause(installment, date);
    }
  }

  private CollectionWorkflow caseOf(int installment) {
    return Workflow.newExternalWorkflowStub(CollectionWorkflow.class, WorkflowIds.collection(loanId, installment));
  }

  private void pause(int installment, LocalDate until) {
    try {
      caseOf(installment).pause(until);
    } catch (RuntimeException closed) {
      // already ended
    }
  }

  private void tell(int installment, boolean cured) {
    try {
      if (cured) {
        caseOf(installment).cured();
      } else {
        caseOf(installment).chargedOff();
      }
    } catch (RuntimeException closed) {
      // The case already ended (e.g. handed to the agency): nothing to tell it.
    }
  }
}
