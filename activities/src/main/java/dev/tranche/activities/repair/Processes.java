package dev.tranche.activities.repair;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Whether a workflow runs, as Temporal answers; a Temporal that cannot be asked is not a "no". */
public final class Processes {

  private Processes() {
  }

  /**
   * True when {@code workflowId} has a running execution, false when it has none (never started,
   * or closed).
   *
   * @throws StatusRuntimeException when Temporal could not be asked: the caller must not take that
   *     for "not running" and start a second process
   */
  public static boolean running(WorkflowClient client, String workflowId) {
    return describe(client, workflowId).map(d -> d.getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).orElse(false);
  }

  /**
   * True when the workflow's latest workflow task was scheduled more than {@code after} ago and never
   * started (events such as activity completions may have arrived after it). With workers polling, only
   * the embedded (SDK test) server gets there: it can hand a task to the long poll of a worker that was
   * just killed and lose it, leaving the workflow waiting forever. A real Temporal server times such a
   * task out and hands it on, so the check is off there.
   */
  public static boolean lostWorkflowTask(WorkflowClient client, String workflowId, Duration after) {
    List<HistoryEvent> events;
    try {
      events = client.fetchHistory(workflowId).getEvents();
    } catch (StatusRuntimeException failure) {
      if (failure.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw failure;
    }
    HistoryEvent pending = null;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
        pending = event;
      } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
        pending = null;
      }
    }
    return pending != null && olderThan(pending.getEventTime(), after);
  }

  /**
   * True when one of the workflow's activities has waited, handed out but never started, for more than
   * {@code after}: the same loss as {@link #lostWorkflowTask} for an activity task, which no timeout ends
   * when the activity has only a start-to-close timeout.
   */
  public static boolean lostActivityTask(WorkflowClient client, String workflowId, Duration after) {
    return describe(client, workflowId).map(d -> d.getPendingActivitiesList().stream().anyMatch(activity ->
        activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
            && activity.hasScheduledTime() && olderThan(activity.getScheduledTime(), after))).orElse(false);
  }

  private static boolean olderThan(Timestamp at, Duration age) {
    return Timestamps.toMillis(at) < System.currentTimeMillis() - age.toMillis();
  }

  /** The workflow as Temporal describes it; empty when it has no execution. */
  private static Optional<DescribeWorkflowExecutionResponse> describe(WorkflowClient client, String workflowId) {
    try {
      return Optional.of(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build()));
    } catch (StatusRuntimeException failure) {
      if (failure.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw failure;
    }
  }
}
