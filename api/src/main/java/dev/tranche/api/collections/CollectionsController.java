package dev.tranche.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tranche.activities.collections.Sweeps;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.collections.SweepReport;
import dev.tranche.common.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The collections sweep on demand (the scheduler runs it daily). */
@RestController
public class CollectionsController {

  record SweepRequest(LocalDate businessDate) {
  }

  /** A day's sweep: started now, or already run (with its report once it has finished). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sweep(LocalDate businessDate, String workflowId, String status, SweepReport report) {
  }

  private final Sweeps sweeps;

  CollectionsController(Sweeps sweeps) {
    this.sweeps = sweeps;
  }

  /**
   * Starts the sweep for a business date (default today's, UTC: the workflows' date, which the embedded clock
   * moves); a date already swept answers 200.
   */
  @Operation(summary = "Starts the collections sweep for a business date, once per date (SCHEDULER, ADMIN)")
  @PostMapping("/api/v1/collections/sweeps")
  public ResponseEntity<Sweep> sweep(@RequestBody(required = false) SweepRequest request) {
    LocalDate date = request == null || request.businessDate() == null ? sweeps.today() : request.businessDate();
    if (!sweeps.allowed(date)) {
      throw ApiProblem.badRequest("businessDate must be within the past year and not in the future");
    }
    String id = WorkflowIds.collectionsSweep(date);
    if (sweeps.start(date) == Sweeps.Outcome.STARTED) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Sweep(date, id, "STARTED", null));
    }
    // The date was swept, or is being swept: its report as far as it is recorded.
    return ResponseEntity.ok(new Sweep(date, id, "ALREADY_RAN", sweeps.report(date).orElse(null)));
  }
}
