package dev.tranche.activities.ops;

import dev.tranche.activities.pii.PiiFields;
import dev.tranche.activities.support.Json;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Where a workflow stands now, in its own words: the query each Tranche workflow type answers (an
 * application's view, a review's ticket, a disbursement's stage, a loan's statement, a collection case's
 * stages), PII-masked, for the ops pages. Types without a query, and workflows that cannot answer, have none.
 */
@Component
public class LiveState {

  /** The query that tells where a workflow of each type stands. */
  static final Map<String, String> QUERIES = Map.of(
      "LoanApplicationWorkflow", "status",
      "ManualReviewWorkflow", "ticket",
      "DisbursementWorkflow", "stage",
      "LoanServicingWorkflow", "statement",
      "CollectionWorkflow", "stages");

  /** The answer, and the query that gave it. */
  public record State(String query, String json) {
  }

  private final ObjectProvider<WorkflowClient> temporal;

  LiveState(ObjectProvider<WorkflowClient> temporal) {
    this.temporal = temporal;
  }

  public Optional<State> of(String workflowId, String workflowType) {
    String query = QUERIES.get(workflowType);
    if (query == null) {
      return Optional.empty();
    }
    try {
      Object answer = temporal.getObject().newUntypedWorkflowStub(workflowId).query(query, Object.class);
      JsonNode masked = PiiFields.masked(Json.MAPPER.valueToTree(answer));
      return Optional.of(new State(query, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(masked)));
    } catch (RuntimeException cannotAnswer) {
      return Optional.empty();
    }
  }
}
