package dev.tranche.api.chain;

import dev.tranche.activities.chain.CollateralReads;
import dev.tranche.activities.chain.LiquidationDesk;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collateralised product over HTTP: what the borrower must deposit (and what arrived), and an
 * ops-triggered liquidation, which starts the same {@code liquidation-{loanId}} workflow as the
 * monitor and collections, so any number of triggers make one on-chain liquidation.
 */
@RestController
class CollateralController {

  /** The liquidation workflow started, or already running. */
  record LiquidationAsked(String loanId, String workflowId, String status) {
  }

  record LiquidationBody(@NotBlank @Size(max = 500) String reason) {
  }

  private final CollateralReads queries;
  private final LiquidationDesk liquidations;

  CollateralController(CollateralReads queries, LiquidationDesk liquidations) {
    this.queries = queries;
    this.liquidations = liquidations;
  }

  @Operation(summary = "A collateralised application's deposit instructions and on-chain position")
  @GetMapping("/api/v1/applications/{id}/collateral")
  CollateralReads.CollateralView collateral(@PathVariable UUID id, Authentication auth) {
    String owner = queries.applicationOwner(id).orElseThrow(() -> ApiProblem.notFound("application " + id));
    if (!Caller.of(auth).mayRead(owner)) {
      throw ApiProblem.notFound("application " + id);
    }
    return queries.requirement(id)
        .orElseThrow(() -> ApiProblem.notFound("a collateral requirement for application " + id));
  }

  @Operation(summary = "Asks for a collateral liquidation of a loan, with a reason (OPS, ADMIN)")
  @PostMapping("/api/v1/ops/loans/{loanId}/liquidation")
  ResponseEntity<LiquidationAsked> liquidate(@PathVariable UUID loanId, @Valid @RequestBody LiquidationBody body,
      Authentication auth) {
    LiquidationDesk.Outcome outcome = liquidations.trigger(loanId, body.reason(), auth.getName());
    return ResponseEntity.accepted().body(new LiquidationAsked(loanId.toString(),
        WorkflowIds.liquidation(loanId.toString()), outcome.name()));
  }
}
