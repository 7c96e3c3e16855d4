package dev.tranche.activities.application;

import dev.tranche.application.ApplicationInput;
import dev.tranche.application.CollateralChoice;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.application.Resumption;
import dev.tranche.common.SearchAttributes;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.partner.PartnerRef;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Starts an application's workflow by its business id, with today's settings. */
@Component
public class ApplicationProcesses {

  private final ObjectProvider<WorkflowClient> temporal;
  private final OriginationSettings origination;

  ApplicationProcesses(ObjectProvider<WorkflowClient> temporal, OriginationSettings origination) {
    this.temporal = temporal;
    this.origination = origination;
  }

  /**
   * Starts the process of a new application; a second start of the same application is a no-op.
   * With a {@code resumption} (the repair pass) the id may be used again after a closed run, since
   * PostgreSQL says the application is still in progress; a running one is never started twice.
   *
   * @return whether this call started it
   */
  public boolean start(String applicationId, String borrowerId, Money amount, String purpose, PartnerRef partner,
      CollateralChoice collateral, Resumption resumption) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.application(applicationId))
        .setTaskQueue(TaskQueues.APPLICATIONS)
        .setWorkflowIdReusePolicy(resumption == null ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
            : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.BUSINESS_ID, applicationId).build())
        .build();
    LoanApplicationWorkflow workflow = temporal.getObject().newWorkflowStub(LoanApplicationWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, new ApplicationInput(applicationId, borrowerId, amount, purpose,
          origination.settings(), partner, collateral, resumption));
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // Same business id: the process already exists, which is exactly what was wanted.
      return false;
    }
  }

  /**
   * Waits at most {@code seconds} for the application's decision to be on record, in the workflow (an update the
   * server holds open, not a poll); empty when the workflow cannot answer (closed, or not reachable).
   */
  public java.util.Optional<dev.tranche.application.ApplicationStatus> awaitDecision(String applicationId,
      int seconds) {
    try {
      return java.util.Optional.of(temporal.getObject()
          .newWorkflowStub(LoanApplicationWorkflow.class, WorkflowIds.application(applicationId))
          .awaitDecision(seconds));
    } catch (io.temporal.client.WorkflowException notNow) {
      return java.util.Optional.empty();
    }
  }
}
