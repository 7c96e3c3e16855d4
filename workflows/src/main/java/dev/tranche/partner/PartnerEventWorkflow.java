package dev.tranche.partner;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One partner webhook, id {@code partner-event-{eventId}}: delivered once acknowledged, retried with backoff. */
@WorkflowInterface
public interface PartnerEventWorkflow {

  @WorkflowMethod
  void deliver(PartnerEvent event);
}
