package dev.tranche.common;

/** One row of the ops read model: which workflow, for which business id, in which status. */
public record WorkflowRun(String workflowId, String workflowType, String businessId, String status) {
}
