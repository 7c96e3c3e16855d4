package dev.tranche.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.temporal.DataConverters;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
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
}
