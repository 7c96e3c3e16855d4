package dev.tranche.api.review;

import dev.tranche.activities.review.ReviewDesk;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.money.Money;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewAction;
import dev.tranche.review.ReviewDecision;
import dev.tranche.review.ReviewTicket;
import dev.tranche.review.Verdict;
import io.swagger.v3.oas.annotations.Operation;
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
import java.util.List;
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
  record ReviewQueue(List<String> status, String sort, List<ReviewDesk.ReviewItem> items) {
  }

  private final ReviewDesk desk;

  ReviewController(ReviewDesk desk) {
    this.desk = desk;
  }

  /** {@code status} one of the ticket statuses (default: every undecided one); {@code sort} priority or age. */
  @Operation(summary = "The manual review queue, by priority or age, with SLA deadlines (underwriters)")
  @GetMapping
  ReviewQueue queue(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "priority") String sort) {
    if (status != null && !ReviewDesk.STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + ReviewDesk.STATUSES);
    }
    if (!ReviewDesk.SORTS.containsKey(sort)) {
      throw ApiProblem.badRequest("sort must be one of " + ReviewDesk.SORTS.keySet());
    }
    List<String> statuses = status == null ? ReviewDesk.UNDECIDED : List.of(status);
    return new ReviewQueue(statuses, sort, desk.queue(statuses, sort));
  }

  @Operation(summary = "Claims a review for the calling underwriter")
  @PostMapping("/{applicationId}/claim")
  ReviewTicket claim(@PathVariable UUID applicationId, Authentication auth) {
    return review(applicationId).claim(new ReviewAction(auth.getName(), Caller.roles(auth)));
  }

  @Operation(summary = "Releases a claimed review back to the queue")
  @PostMapping("/{applicationId}/release")
  ReviewTicket release(@PathVariable UUID applicationId, Authentication auth) {
    return review(applicationId).release(new ReviewAction(auth.getName(), Caller.roles(auth)));
  }

  @Operation(summary = "Decides a review: approve, decline or counter-offer with reason codes (four eyes above the"
      + " threshold)")
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
    return desk.open(applicationId);
  }
}
