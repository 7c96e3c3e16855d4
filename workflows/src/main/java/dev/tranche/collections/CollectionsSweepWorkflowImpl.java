package dev.tranche.collections;

import dev.tranche.common.WorkflowIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

public class CollectionsSweepWorkflowImpl implements CollectionsSweepWorkflow {

  static final String DELINQUENCY_HISTORY = "delinquency-history";

  private final SweepActivities sweep = Workflow.newActivityStub(SweepActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  private final CollectionActivities cases = Workflow.newActivityStub(CollectionActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  /**
   * Sweeps {@code given}, or when started without a date (a Temporal Schedule's action), the UTC date of the
   * workflow's start. The claim in PostgreSQL makes a date swept once, whichever trigger started it.
   */
  @Override
  public SweepReport sweep(LocalDate given) {
    LocalDate businessDate = given != null ? given
        : LocalDate.ofInstant(Instant.ofEpochMilli(Workflow.currentTimeMillis()), ZoneOffset.UTC);
    if (!sweep.claim(new SweepClaim(businessDate, Workflow.getInfo().getRunId()))) {
      // Another run swept this date (Temporal may have forgotten it; PostgreSQL has not): nothing again.
      return new SweepReport(businessDate, List.of(), List.of(), 0);
    }
    List<String> opened = new ArrayList<>();
    for (CollectionRequest r : sweep.missedWithoutCase(businessDate)) {
      // Opened meanwhile by the loan's own workflow? The case id is the business key: not twice.
      if (cases.openCase(r)) {
        opened.add(WorkflowIds.collection(r.loanId(), r.installment()));
      }
    }
    List<String> repaired = sweep.repairServicing();
    // Sweeps before this change recorded no delinquency history.
    if (Workflow.getVersion(DELINQUENCY_HISTORY, Workflow.DEFAULT_VERSION, 1) == 1) {
      sweep.recordDelinquency(businessDate);
    }
    SweepReport report = new SweepReport(businessDate, opened, repaired, sweep.activeLoans());
    sweep.recordReport(report);
    return report;
  }
}
