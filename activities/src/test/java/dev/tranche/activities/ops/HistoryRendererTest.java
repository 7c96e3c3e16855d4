package dev.tranche.activities.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.temporal.DataConverters;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryRendererTest {

  private static final String KEY = Base64.getEncoder().encodeToString(
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void payloads_are_decoded_and_pii_named_fields_masked_at_any_depth() {
    var converter = DataConverters.encrypted("k1", KEY);
    var payloads = converter.toPayloads(Map.of("eventId", "evt-1",
        "borrower", Map.of("ssn", "123-45-6789", "dateOfBirth", "1985-04-12", "name", "Ada"))).orElseThrow();
    HistoryEvent event = HistoryEvent.newBuilder().setEventId(7).setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .setWorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes.newBuilder()
            .setSignalName("fundingConfirmed").setInput(payloads))
        .build();
    assertThat(event.toString()).doesNotContain("Ada");

    var rendered = new HistoryRenderer(DataConverters.codec("k1", KEY)).render(List.of(event)).getFirst();
    String attributes = rendered.get("attributes").toString();
    assertThat(rendered.get("eventId")).isEqualTo(7L);
    assertThat(attributes).contains("fundingConfirmed", "evt-1", "Ada", "***")
        .doesNotContain("123-45-6789", "1985-04-12");
  }

  @Test
  void the_timeline_tells_activities_signals_and_children_as_steps_and_leaves_task_bookkeeping_out() {
    var codec = DataConverters.codec("k1", KEY);
    var scheduled = HistoryEvent.newBuilder().setEventId(5).setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .setEventTime(Timestamps.fromMillis(1_000))
        .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
            .setActivityType(ActivityType.newBuilder().setName("RunKyc"))).build();
    var started = HistoryEvent.newBuilder().setEventId(6).setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .setEventTime(Timestamps.fromMillis(1_050))
        .setActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes.newBuilder()
            .setScheduledEventId(5).setAttempt(2)).build();
    var completed = HistoryEvent.newBuilder().setEventId(7).setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .setEventTime(Timestamps.fromMillis(1_120))
        .setActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.newBuilder()
            .setScheduledEventId(5).setStartedEventId(6)).build();
    var task = HistoryEvent.newBuilder().setEventId(8).setEventType(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        .setEventTime(Timestamps.fromMillis(1_120)).build();
    var child = HistoryEvent.newBuilder().setEventId(9)
        .setEventType(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .setEventTime(Timestamps.fromMillis(1_200))
        .setStartChildWorkflowExecutionInitiatedEventAttributes(
            StartChildWorkflowExecutionInitiatedEventAttributes.newBuilder().setWorkflowId("disbursement-1")
                .setWorkflowType(WorkflowType.newBuilder().setName("DisbursementWorkflow"))).build();
    var signal = HistoryEvent.newBuilder().setEventId(10).setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .setEventTime(Timestamps.fromMillis(1_300))
        .setWorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes.newBuilder()
            .setSignalName("fundingConfirmed")).build();
    List<HistoryEvent> events = List.of(scheduled, started, completed, task, child, signal);

    var steps = Timeline.of(events, new HistoryRenderer(codec).render(events));

    assertThat(steps).extracting(Timeline.Step::text).containsExactly(
        "RunKyc completed in 120 ms, attempt 2",
        "Child DisbursementWorkflow disbursement-1 started",
        "Signal fundingConfirmed received");
    assertThat(steps.get(1).link()).isEqualTo("disbursement-1");
    assertThat(steps.get(2).event()).contains("fundingConfirmed");
    assertThat(Timeline.human(21_599)).isEqualTo("6 h");
    assertThat(Timeline.human(489_599)).isEqualTo("5 d 16 h");
    assertThat(Timeline.human(90)).isEqualTo("2 min");
    assertThat(Timeline.human(30)).isEqualTo("30 s");
  }
}
