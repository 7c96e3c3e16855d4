package dev.tranche.api.fullstack;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What keeps the shared embedded server's clock from skipping: its time only jumps while no workflow task
 * or activity is in flight, so a workflow that keeps the server busy (a timer every second, an activity
 * whose attempts hang, a workflow task failing over and over) turns a skip of a day into a day. When a skip
 * overruns, the test says which workflows grew while it watched and what they have pending, instead of
 * only "timed out".
 */
final class BusyServer {

  private BusyServer() {
  }

  /** The open workflows whose history grew over {@code window}, most first, with their pending work. */
  static String report(Duration window) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(FullStack.temporal().target()).usePlaintext().build();
    try {
      var stub = WorkflowServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
      Map<String, DescribeWorkflowExecutionResponse> before = describeOpen(stub);
      sleep(window);
      Map<String, DescribeWorkflowExecutionResponse> after = describeOpen(stub);
      List<String> lines = new ArrayList<>();
      after.entrySet().stream()
          .map(e -> Map.entry(e, e.getValue().getWorkflowExecutionInfo().getHistoryLength()
              - (before.containsKey(e.getKey()) ? before.get(e.getKey()).getWorkflowExecutionInfo().getHistoryLength() : 0)))
          .filter(e -> e.getValue() > 0 || e.getKey().getValue().getPendingActivitiesCount() > 0
              || e.getKey().getValue().hasPendingWorkflowTask())
          .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .limit(8)
          .forEach(e -> lines.add(line(e.getKey().getValue(), e.getValue())));
      Map<String, Long> byType = new java.util.TreeMap<>();
      after.values().forEach(d -> byType.merge(d.getWorkflowExecutionInfo().getType().getName(), 1L, Long::sum));
      return after.size() + " open workflows " + byType + "; busy over " + window.toSeconds() + " s: "
          + (lines.isEmpty() ? "none" : String.join("; ", lines));
    } catch (RuntimeException e) {
      return "no report: " + e;
    } finally {
      channel.shutdownNow();
    }
  }

  private static String line(DescribeWorkflowExecutionResponse described, long grown) {
    WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
    StringBuilder line = new StringBuilder(info.getType().getName() + " " + info.getExecution().getWorkflowId()
        + " +" + grown + " events (" + info.getHistoryLength() + ")");
    if (described.hasPendingWorkflowTask()) {
      line.append(", workflow task ").append(described.getPendingWorkflowTask().getState().name())
          .append(" attempt ").append(described.getPendingWorkflowTask().getAttempt());
    }
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      line.append(", activity ").append(activity.getActivityType().getName()).append(' ')
          .append(activity.getState().name()).append(" attempt ").append(activity.getAttempt());
      if (activity.hasLastFailure()) {
        String message = activity.getLastFailure().getMessage();
        line.append(" (").append(message, 0, Math.min(160, message.length())).append(')');
      }
    }
    return line.toString();
  }

  private static Map<String, DescribeWorkflowExecutionResponse> describeOpen(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub) {
    Map<String, DescribeWorkflowExecutionResponse> open = new HashMap<>();
    var listed = stub.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
        .setNamespace("default").setMaximumPageSize(2000).build());
    for (WorkflowExecutionInfo info : listed.getExecutionsList()) {
      WorkflowExecution execution = info.getExecution();
      try {
        open.put(execution.getWorkflowId() + "/" + execution.getRunId(), stub.describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default").setExecution(execution).build()));
      } catch (RuntimeException closedMeanwhile) {
        // closed between the list and the describe
      }
    }
    return open;
  }

  private static void sleep(Duration window) {
    try {
      Thread.sleep(window.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
