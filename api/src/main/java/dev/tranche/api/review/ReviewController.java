package dev.tranche.api.review;

import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewAction;
import dev.tranche.review.ReviewDecision;
import dev.tranche.review.ReviewTicket;
import dev.tranche.review.Verdict;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The underwriters' queue (read model, ordered by priority then age) and their actions, each an
 * update of the review workflow whose validator decides: a rejected action is a 409 with its reason
 * and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/reviews")
class ReviewController {

  record AmountRequest(
      @NotNull @DecimalMin("0.01") @DecimalMax("100000.00") @Digits(integer = 6, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "^USD$", message = "only USD is offered") String currency) {

    Money toMoney() {
      return new Money(amount, java.util.Currency.getInstance(currency));
    }
  }

  record DecisionRequest(@NotNull Verdict verdict,
      @NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "^[A-Z_]{2,40}$") String> reasonCodes,
      @Size(max = 2000) String notes,
      @Valid AmountRequest counterAmount,
      @Valid AmountRequest downPayment) {
  }

  /** The queue as asked for: the statuses shown, the order, and up to 200 items. */
  record ReviewQueue(List<String> status, String sort, List<ReviewItem> items) {
  }

  record ReviewItem(String applicationId, String status, int priority, String claimedBy, String requiredRole,
      String firstApprover, boolean escalated, List<String> reasonCodes, BigDecimal score, BigDecimal requestedAmount,
      String currency, String decidedBy, String verdict, Instant createdAt, Instant updatedAt) {
  }

  private static final Set<String> STATUSES = Set.of("OPEN", "CLAIMED", "AWAITING_SECOND_APPROVAL", "DECIDED",
      "EXPIRED");
  private static final List<String> UNDECIDED = List.of("OPEN", "CLAIMED", "AWAITING_SECOND_APPROVAL");
  private static final Map<String, String> SORTS = Map.of(
      "priority", "priority desc, created_at, application_id",
      "age", "created_at, application_id");

  private final ReviewQueries queries;
  private final WorkflowClient temporal;

  ReviewController(ReviewQueries queries, WorkflowClient temporal) {
    this.queries = queries;
    this.temporal = temporal;
  }

  /** {@code status} one of the ticket statuses (default: every undecided one); {@code sort} priority or age. */
  @GetMapping
  ReviewQueue queue(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "priority") String sort) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + STATUSES);
    }
    String order = SORTS.get(sort);
    if (order == null) {
      throw ApiProblem.badRequest("sort must be one of " + SORTS.keySet());
    }
    List<String> statuses = status == null ? UNDECIDED : List.of(status);
    List<ReviewItem> items = queries.queue(statuses, order);
    return new ReviewQueue(statuses, sort, items);
  }

  @PostMapping("/{applicationId}/claim")
  ReviewTicket claim(@PathVariable UUID applicationId, Authentication auth) {
    return review(applicationId).claim(new ReviewAction(auth.getName(), Caller.roles(auth)));
  }

  @PostMapping("/{applicationId}/release")
  ReviewTicket release(@PathVariable UUID applicationId, Authentication auth) {
    return review(applicationId).release(new ReviewAction(auth.getName(), Caller.roles(auth)));
  }

  @PostMapping("/{applicationId}/decision")
  ReviewTicket decide(@PathVariable UUID applicationId, @Valid @RequestBody DecisionRequest request,
      Authentication auth) {
    if (request.verdict() == Verdict.EXPIRED) {
      throw ApiProblem.badRequest("verdict must be APPROVE, DECLINE or COUNTER_OFFER");
    }
    if (request.verdict() != Verdict.COUNTER_OFFER && (request.counterAmount() != null || request.downPayment() != null)) {
      throw ApiProblem.badRequest("counterAmount and downPayment belong to a COUNTER_OFFER");
    }
    return review(applicationId).decide(new ReviewDecision(auth.getName(), request.verdict(), request.reasonCodes(),
        request.notes(), Caller.roles(auth), request.counterAmount() == null ? null : request.counterAmount().toMoney(),
        request.downPayment() == null ? null : request.downPayment().toMoney()));
  }

  private ManualReviewWorkflow review(UUID applicationId) {
    String status = queries.status(applicationId).orElseThrow(() -> ApiProblem.notFound("review for application " + applicationId));
    if (!UNDECIDED.contains(status)) {
      throw ApiProblem.conflict("the review of application " + applicationId + " is already " + status);
    }
    return temporal.newWorkflowStub(ManualReviewWorkflow.class, WorkflowIds.review(applicationId.toString()));
  }
}
