package dev.tranche.api.servicing;

import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.WorkflowIds;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.LoanStatement;
import dev.tranche.servicing.PayoffQuote;
import dev.tranche.servicing.RescheduleRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A loan's servicing, through its workflow: the statement (query), payoff quotes, hardship
 * reschedules and promises to pay (updates whose validators refuse with a 409 and the reason).
 */
@RestController
@RequestMapping("/api/v1/loans/{loanId}")
class LoanServicingController {

  record PayoffRequest(@NotNull LocalDate validOn) {
  }

  record RescheduleBody(@Min(1) @Max(120) int remainingInstallments, @NotBlank @Size(max = 500) String reason) {
  }

  record PromiseBody(@NotNull LocalDate date) {
  }

  private final PortfolioQueries queries;
  private final WorkflowClient temporal;

  LoanServicingController(PortfolioQueries queries, WorkflowClient temporal) {
    this.queries = queries;
    this.temporal = temporal;
  }

  @Operation(summary = "A loan's live statement: what is due, past due, credit and balance")
  @GetMapping("/statement")
  LoanStatement statement(@PathVariable UUID loanId, Authentication auth) {
    return loan(loanId, auth).statement();
  }

  @Operation(summary = "A payoff quote for a date: the amount that closes the loan")
  @PostMapping("/payoff-quote")
  PayoffQuote payoffQuote(@PathVariable UUID loanId, @Valid @RequestBody PayoffRequest request, Authentication auth) {
    return loan(loanId, auth).payoffQuote(request.validOn());
  }

  @Operation(summary = "Reschedules a loan (term or payment date), a new schedule version (OPS, ADMIN)")
  @PostMapping("/reschedule")
  LoanStatement reschedule(@PathVariable UUID loanId, @Valid @RequestBody RescheduleBody body, Authentication auth) {
    return loan(loanId, auth).reschedule(new RescheduleRequest(body.remainingInstallments(), body.reason(),
        auth.getName(), Caller.roles(auth)));
  }

  @Operation(summary = "Records a promise to pay, pausing collections until its date")
  @PostMapping("/promises")
  LoanStatement promise(@PathVariable UUID loanId, @Valid @RequestBody PromiseBody body, Authentication auth) {
    return loan(loanId, auth).promiseToPay(body.date());
  }

  private LoanServicingWorkflow loan(UUID loanId, Authentication auth) {
    String owner = queries.loanOwner(loanId).orElseThrow(() -> ApiProblem.notFound("loan " + loanId));
    if (!Caller.of(auth).mayRead(owner)) {
      throw ApiProblem.notFound("loan " + loanId);
    }
    return temporal.newWorkflowStub(LoanServicingWorkflow.class, WorkflowIds.loan(loanId.toString()));
  }
}
