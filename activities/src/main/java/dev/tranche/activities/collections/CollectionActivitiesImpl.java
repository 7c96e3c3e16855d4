package dev.tranche.activities.collections;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.Liquidations;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.collections.AgencyPlacement;
import dev.tranche.collections.CollectionActivities;
import dev.tranche.collections.CollectionRequest;
import dev.tranche.collections.CollectionWorkflow;
import dev.tranche.collections.LiquidationHandOff;
import dev.tranche.collections.StageReached;
import dev.tranche.common.FailureType;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

@Component("collectionActivities")
public class CollectionActivitiesImpl implements CollectionActivities {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final ProviderHttp agency;
  private final Supplier<WorkflowClient> temporal;

  @Autowired
  CollectionActivitiesImpl(JdbcClient jdbc, AuditLog audit, ServicingProperties properties,
      ObjectProvider<WorkflowClient> temporal) {
    this(jdbc, audit, properties, (Supplier<WorkflowClient>) temporal::getObject);
  }

  public CollectionActivitiesImpl(JdbcClient jdbc, AuditLog audit, ServicingProperties properties,
      Supplier<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.temporal = temporal;
    this.agency = new ProviderHttp("collection-agency", FailureType.PROVIDER_REJECTED, properties.agencyUrl(), 2000,
        8000);
  }

  @Override
  public boolean openCase(CollectionRequest request) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.collection(request.loanId(), request.installment()))
        .setTaskQueue(TaskQueues.SERVICING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .build();
    try {
      WorkflowClient.start(temporal.get().newWorkflowStub(CollectionWorkflow.class, options)::collect, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyOpen) {
      return false;
    }
  }

  @Override
  @Transactional
  public void recordStage(StageReached reached) {
    String loanId = reached.loanId();
    int installment = reached.installment();
    String stage = reached.stage();
    long atMillis = reached.atMillis();
    UUID loan = UUID.fromString(loanId);
    jdbc.sql("""
            insert into collection_cases (loan_id, installment, stage) values (?, ?, ?)
            on conflict (loan_id, installment) do update set stage = excluded.stage, updated_at = now()""")
        .params(loan, installment, stage).update();
    int inserted = jdbc.sql("""
            insert into collection_events (loan_id, installment, stage, business_at) values (?, ?, ?, ?)
            on conflict do nothing""")
        .params(loan, installment, stage, Timestamp.from(Instant.ofEpochMilli(atMillis))).update();
    if (inserted > 0) {
      audit.record("system:collections", "COLLECTION_" + stage.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
          "loan", loanId, Map.of("installment", installment));
    }
  }

  @Override
  @Transactional
  public String handOffToAgency(AgencyPlacement placement) {
    String loanId = placement.loanId();
    int installment = placement.installment();
    Money amount = placement.amount();
    JsonNode ack = agency.post("/agency/v1/placements", Map.of("loanReference", loanId, "installment", installment,
        "amount", amount.amount().toPlainString(), "currency", amount.currency().getCurrencyCode()),
        Map.of("Idempotency-Key", "placement:" + loanId + ":" + installment), null);
    String id = ack.path("acknowledgementId").asString();
    jdbc.sql("update collection_cases set agency_ack = ?, updated_at = now() where loan_id = ? and installment = ?")
        .params(id, UUID.fromString(loanId), installment).update();
    audit.record("system:collections", "COLLECTION_AGENCY_ACKNOWLEDGED", "loan", loanId,
        Map.of("installment", installment, "acknowledgementId", id));
    return id;
  }

  /** Records the request and starts {@code liquidation-{loanId}} on the loan's chain, seizing the position as defaulted. */
  @Override
  public void requestLiquidation(LiquidationHandOff handOff) {
    String loanId = handOff.loanId();
    int installment = handOff.installment();
    jdbc.sql("insert into liquidation_requests (loan_id, installment) values (?, ?) on conflict do nothing")
        .params(UUID.fromString(loanId), installment).update();
    audit.record("system:collections", "LIQUIDATION_REQUESTED", "loan", loanId, Map.of("installment", installment));
    String chain = jdbc.sql("select chain from collateral_requirements where loan_id = ?")
        .param(UUID.fromString(loanId)).query(String.class).optional()
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("loan " + loanId + " has no collateral",
            FailureType.NOT_FOUND.name()));
    Liquidations.start(temporal.get(),
        new LiquidationRequest(loanId, chain, "collections day 30, installment " + installment, true));
  }
}
