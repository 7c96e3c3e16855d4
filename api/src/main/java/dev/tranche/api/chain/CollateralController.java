package dev.tranche.api.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.Liquidations;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /**
   * Amounts in the token's smallest unit are decimal strings: they do not fit a JSON number.
   * {@code positionKey} is the vault's bytes32 key to pass to {@code deposit(positionKey, requiredWei)}.
   */
  record CollateralView(String applicationId, String loanId, String positionKey, String chain, String vaultAddress,
      String tokenAddress, String walletAddress, String requiredWei, BigDecimal debtUsd, Instant deadline,
      String depositedWei, String depositTx, String status) {
  }

  record LiquidationBody(@NotBlank @Size(max = 500) String reason) {
  }

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;
  private final AuditLog audit;

  CollateralController(JdbcClient jdbc, WorkflowClient temporal, AuditLog audit) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.audit = audit;
  }

  @GetMapping("/api/v1/applications/{id}/collateral")
  CollateralView collateral(@PathVariable UUID id, Authentication auth) {
    String owner = jdbc.sql("select borrower_id from applications where id = ?").param(id).query(String.class)
        .optional().orElseThrow(() -> ApiProblem.notFound("application " + id));
    if (!Caller.of(auth).mayRead(owner)) {
      throw ApiProblem.notFound("application " + id);
    }
    return jdbc.sql("""
            select application_id, loan_id, chain, vault_address, token_address, wallet_address, required_wei, debt_usd,
                   deadline, deposited_wei, deposit_tx, status
            from collateral_requirements where application_id = ?""")
        .param(id)
        .query((rs, n) -> new CollateralView(rs.getString(1), rs.getString(2),
            org.web3j.utils.Numeric.toHexString(dev.tranche.contracts.LocalDeployment.loanKey(rs.getString(2))),
            rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBigDecimal(7).toPlainString(), rs.getBigDecimal(8),
            rs.getTimestamp(9).toInstant(), rs.getBigDecimal(10) == null ? null : rs.getBigDecimal(10).toPlainString(),
            rs.getString(11), rs.getString(12)))
        .optional()
        .orElseThrow(() -> ApiProblem.notFound("a collateral requirement for application " + id));
  }

  @PostMapping("/api/v1/ops/loans/{loanId}/liquidation")
  ResponseEntity<Map<String, Object>> liquidate(@PathVariable UUID loanId, @Valid @RequestBody LiquidationBody body,
      Authentication auth) {
    if (jdbc.sql("select count(*) from loans where id = ?").param(loanId).query(Long.class).single() == 0) {
      throw ApiProblem.notFound("loan " + loanId);
    }
    String chain = jdbc.sql("select chain from collateral_requirements where loan_id = ? and status in"
            + " ('DEPOSITED', 'LIQUIDATED')").param(loanId).query(String.class).optional()
        .orElseThrow(() -> ApiProblem.conflict("loan " + loanId + " has no collateral locked on-chain"));
    boolean started = Liquidations.start(temporal, new LiquidationRequest(loanId.toString(), chain,
        "ops " + auth.getName() + ": " + body.reason()));
    if (started) {
      audit.record(auth.getName(), "LIQUIDATION_TRIGGERED", "loan", loanId.toString(), Map.of("reason", body.reason()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("loanId", loanId.toString());
    answer.put("workflowId", WorkflowIds.liquidation(loanId.toString()));
    answer.put("status", started ? "STARTED" : "ALREADY_RUNNING");
    return ResponseEntity.accepted().body(answer);
  }
}
