package dev.tranche.activities.chain;

import dev.tranche.activities.ops.HistoryRenderer;
import dev.tranche.activities.ops.WorkflowRuns;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.history.v1.HistoryEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A collateralised loan's position over time as its monitor read it: each {@code ReadPosition} the
 * {@code collateral-{loanId}} workflow made, from that workflow's history (its current run), with the
 * health factor and the feed's price it saw. Nothing is stored twice: the history is the record.
 */
@Component
public class PositionHistory {

  /** One read: the health factor (1.00 = liquidatable below) and the price in USD, null when not read. */
  public record Reading(Instant at, String status, BigDecimal healthFactor, BigDecimal priceUsd, String problem) {
  }

  private static final BigDecimal WAD = BigDecimal.TEN.pow(18);

  private final WorkflowRuns runs;
  private final HistoryRenderer renderer;

  PositionHistory(WorkflowRuns runs, HistoryRenderer renderer) {
    this.runs = runs;
    this.renderer = renderer;
  }

  /** The latest {@code max} reads, oldest first; empty when the loan has no monitor history. */
  public List<Reading> readings(String loanId, int max) {
    var history = runs.history(WorkflowIds.collateralMonitor(loanId));
    if (history.isEmpty()) {
      return List.of();
    }
    List<HistoryEvent> events = history.get().events();
    List<Map<String, Object>> rendered = renderer.render(events);
    Map<Long, String> scheduledType = new HashMap<>();
    for (HistoryEvent event : events) {
      if (event.hasActivityTaskScheduledEventAttributes()) {
        scheduledType.put(event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      }
    }
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent event = events.get(i);
      if (!event.hasActivityTaskCompletedEventAttributes() || !"ReadPosition".equals(
          scheduledType.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        continue;
      }
      JsonNode attributes = (JsonNode) rendered.get(i).get("attributes");
      JsonNode position = attributes.path("activityTaskCompletedEventAttributes").path("result").path("payloads")
          .path(0);
      readings.add(new Reading(Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos()),
          position.path("status").asString(null), wad(position.path("healthFactorWad")),
          wad(position.path("priceWad")), position.path("priceProblem").asString(null)));
    }
    return readings.size() <= max ? readings : readings.subList(readings.size() - max, readings.size());
  }

  private static BigDecimal wad(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode() || value.asString("").isEmpty()) {
      return null;
    }
    return new BigDecimal(value.asString()).divide(WAD, 4, RoundingMode.HALF_UP);
  }
}
