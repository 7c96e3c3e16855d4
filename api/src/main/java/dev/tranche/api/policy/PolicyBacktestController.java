package dev.tranche.api.policy;

import dev.tranche.activities.application.PolicyBacktest;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.decision.Action;
import dev.tranche.decision.Operator;
import dev.tranche.decision.Policy;
import dev.tranche.decision.ReasonCatalog;
import dev.tranche.decision.Rule;
import dev.tranche.decision.VerificationFacts;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin backtests a candidate credit policy: its rules and cut-offs are replayed over the verification facts of
 * every automated decision on record, without changing anything (the backtest itself is audited).
 */
@RestController
class PolicyBacktestController {

  /** A rule of the candidate: {@code field operator value → action}, with a reason code from the catalogue. */
  record RuleRequest(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 64) String field,
      @NotNull Operator operator, @NotBlank @Size(max = 200) String value, @NotNull Action action,
      @NotBlank @Size(max = 64) String reasonCode) {
  }

  /** {@code POST /api/v1/admin/policy-backtests}: the candidate policy and how many changes to list (100). */
  record BacktestRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._-]+$") String version,
      @NotNull @Size(max = 100) List<@Valid @NotNull RuleRequest> rules,
      @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal tierA,
      @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal tierB,
      @NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal minimumScore,
      @Min(0) @Max(1000) Integer limit) {
  }

  private final PolicyBacktest backtest;

  PolicyBacktestController(PolicyBacktest backtest) {
    this.backtest = backtest;
  }

  @Operation(summary = "Replays a candidate credit policy over the stored decisions' facts: approvals, expected "
      + "losses and the applications whose decision would change (ADMIN)")
  @PostMapping("/api/v1/admin/policy-backtests")
  PolicyBacktest.Report run(@Valid @RequestBody BacktestRequest request, Authentication auth) {
    return backtest.run(policy(request), request.limit() == null ? 100 : request.limit(), auth.getName());
  }

  /** The candidate as the engine's policy, refused in words when it could not be one. */
  private static Policy policy(BacktestRequest r) {
    if (r.tierA().compareTo(r.tierB()) < 0 || r.tierB().compareTo(r.minimumScore()) < 0) {
      throw ApiProblem.badRequest("the cut-offs must not increase from tier A to tier B to the minimum score: "
          + r.tierA() + " / " + r.tierB() + " / " + r.minimumScore());
    }
    for (RuleRequest rule : r.rules()) {
      if (!VerificationFacts.FIELDS.contains(rule.field())) {
        throw ApiProblem.badRequest("rule " + rule.id() + ": no fact is called " + rule.field() + "; facts are "
            + new java.util.TreeSet<>(VerificationFacts.FIELDS));
      }
      if (!ReasonCatalog.known(rule.reasonCode())) {
        throw ApiProblem.badRequest("rule " + rule.id() + ": " + rule.reasonCode()
            + " is not in the reason catalogue (an adverse action notice must say it in words)");
      }
      if ((rule.operator() == Operator.GT || rule.operator() == Operator.LT) && !numeric(rule.value())) {
        throw ApiProblem.badRequest("rule " + rule.id() + ": " + rule.operator() + " compares numbers, not "
            + rule.value());
      }
    }
    return new Policy(r.version(), r.rules().stream().map(x -> new Rule(x.id(), x.field(), x.operator(), x.value(),
        x.action(), x.reasonCode())).toList(), r.tierA(), r.tierB(), r.minimumScore());
  }

  private static boolean numeric(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
