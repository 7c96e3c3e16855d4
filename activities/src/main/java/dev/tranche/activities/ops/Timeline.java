package dev.tranche.activities.ops;

import com.google.protobuf.Timestamp;
import dev.tranche.activities.support.Json;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A workflow's history told as business steps ("RunKyc completed in 120 ms, attempt 1", "signal
 * fundingConfirmed received", "child DisbursementWorkflow started"), each with the decoded, PII-masked
 * event it came from. The workflow-task bookkeeping is left out unless a task failed or timed out.
 */
public final class Timeline {

  /**
   * One step; {@code link} names a related workflow (a child, or one signalled), {@code run} another run of the
   * same workflow (the one it continued, or the one continuing it), {@code event} the JSON.
   */
  public record Step(long eventId, Instant at, String text, String link, String run, String event) {
  }

  private Timeline() {
  }

  /** {@code rendered} is {@link HistoryRenderer#render} of the same events, in the same order. */
  public static List<Step> of(List<HistoryEvent> events, List<Map<String, Object>> rendered) {
    Map<Long, HistoryEvent> scheduled = new HashMap<>();
    Map<Long, String> details = new HashMap<>();
    Map<Long, Integer> attempts = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      JsonNode attributes = Json.MAPPER.valueToTree(rendered.get(i).get("attributes"));
      String text = null;
      String link = null;
      String run = null;
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var a = e.getWorkflowExecutionStartedEventAttributes();
          text = "Started " + a.getWorkflowType().getName() + " on task queue " + a.getTaskQueue().getName();
          if (!a.getContinuedExecutionRunId().isEmpty()) {
            text += ", continuing run " + a.getContinuedExecutionRunId();
            run = a.getContinuedExecutionRunId();
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          scheduled.put(e.getEventId(), e);
          // What the step was about, when its input names it: a collection stage, a text's template.
          JsonNode input = attributes.path("activityTaskScheduledEventAttributes").path("input").path("payloads")
              .path(0);
          String detail = input.path("stage").asString(input.path("template").asString(""));
          if (!detail.isEmpty()) {
            details.put(e.getEventId(), detail);
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = e.getActivityTaskStartedEventAttributes();
          attempts.put(a.getScheduledEventId(), a.getAttempt());
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> text = activity(scheduled, attempts, details,
            e.getActivityTaskCompletedEventAttributes().getScheduledEventId(), e, "completed");
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> text = activity(scheduled, attempts, details,
            e.getActivityTaskFailedEventAttributes().getScheduledEventId(), e, "failed")
            + ": " + e.getActivityTaskFailedEventAttributes().getFailure().getMessage();
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> text = activity(scheduled, attempts, details,
            e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), e, "timed out");
        case EVENT_TYPE_MARKER_RECORDED -> {
          String type = attributes.path("markerRecordedEventAttributes").path("details").path("type")
              .path("payloads").path(0).asString("");
          text = "LocalActivity".equals(e.getMarkerRecordedEventAttributes().getMarkerName())
              ? "Local activity " + (type.isEmpty() ? "" : type + " ") + "recorded"
              : "Marker " + e.getMarkerRecordedEventAttributes().getMarkerName() + " recorded";
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED ->
            text = "Signal " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName() + " received";
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> text = "Update "
            + e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput().getName()
            + " accepted";
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> text = "Update completed";
        case EVENT_TYPE_TIMER_STARTED -> text = "Timer set for "
            + human(e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds());
        case EVENT_TYPE_TIMER_FIRED -> text = "Timer fired";
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
          link = a.getWorkflowId();
          text = "Child " + a.getWorkflowType().getName() + " " + link + " started";
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
          link = e.getChildWorkflowExecutionCompletedEventAttributes().getWorkflowExecution().getWorkflowId();
          text = "Child " + link + " completed";
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> {
          link = e.getChildWorkflowExecutionFailedEventAttributes().getWorkflowExecution().getWorkflowId();
          text = "Child " + link + " failed: " + e.getChildWorkflowExecutionFailedEventAttributes().getFailure()
              .getMessage();
        }
        case EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.getSignalExternalWorkflowExecutionInitiatedEventAttributes();
          link = a.getWorkflowExecution().getWorkflowId();
          text = "Signal " + a.getSignalName() + " sent to " + link;
        }
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
          String status = attributes.path("upsertWorkflowSearchAttributesEventAttributes").path("searchAttributes")
              .path("indexedFields").path("TrancheStatus").asString("");
          text = status.isEmpty() ? "Search attributes updated" : "Status now " + status;
        }
        case EVENT_TYPE_WORKFLOW_TASK_FAILED -> text = "Workflow task failed: "
            + e.getWorkflowTaskFailedEventAttributes().getFailure().getMessage();
        case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> text = "Workflow task timed out";
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> text = "Completed";
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> text = "Failed: "
            + e.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> text = "Terminated: "
            + e.getWorkflowExecutionTerminatedEventAttributes().getReason();
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> text = "Cancelled";
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
          run = e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
          text = "Continued as new run " + run;
        }
        default -> {
          // workflow-task bookkeeping and the rest: not a business step
        }
      }
      if (text != null) {
        steps.add(new Step(e.getEventId(), instant(e.getEventTime()), text, link, run,
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rendered.get(i))));
      }
    }
    return steps;
  }

  private static String activity(Map<Long, HistoryEvent> scheduled, Map<Long, Integer> attempts,
      Map<Long, String> details, long scheduledId, HistoryEvent done, String outcome) {
    HistoryEvent at = scheduled.get(scheduledId);
    String type = at == null ? "Activity" : at.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    if (details.containsKey(scheduledId)) {
      type += " (" + details.get(scheduledId) + ")";
    }
    long millis = at == null ? 0 : Duration.between(instant(at.getEventTime()), instant(done.getEventTime()))
        .toMillis();
    return type + " " + outcome + " in " + millis + " ms, attempt " + attempts.getOrDefault(scheduledId, 1);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** A timer's span as a person reads it, to the nearest minute: "5 d 16 h", "6 h", "30 s". */
  static String human(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = (seconds + 30) / 60;
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    long rest = minutes % 60;
    StringBuilder out = new StringBuilder();
    if (days > 0) {
      out.append(days).append(" d ");
    }
    if (hours > 0) {
      out.append(hours).append(" h ");
    }
    if (rest > 0) {
      out.append(rest).append(" min ");
    }
    return out.toString().trim();
  }
}
