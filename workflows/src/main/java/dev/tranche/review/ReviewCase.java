package dev.tranche.review;

import static dev.tranche.review.ManualReviewWorkflow.SENIOR_UNDERWRITER;
import static dev.tranche.review.ManualReviewWorkflow.UNDERWRITER;

import dev.tranche.decision.ReasonCatalog;
import dev.tranche.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one manual review, free of Temporal: who may claim, release and decide, the four-eyes
 * rule above the threshold, and what the SLAs do (raise the priority, escalate to a senior underwriter,
 * expire). The {@code validate…} methods throw without changing anything; the others change the case
 * and return the event to publish. Time comes in as an argument, so the class is unit-tested directly.
 */
public final class ReviewCase {

  static final int NORMAL = 0;
  static final int HIGH = 1;
  static final int ESCALATED = 2;
  private static final Pattern CODE = Pattern.compile("^[A-Z_]{2,40}$");

  private final ReviewRequest request;
  private ReviewOutcome outcome;
  private String claimant;
  private int priority = NORMAL;
  private String requiredRole = UNDERWRITER;
  private boolean escalated;
  private ReviewDecision firstApproval;

  public ReviewCase(ReviewRequest request) {
    this.request = request;
  }

  public ReviewOutcome outcome() {
    return outcome;
  }

  public boolean decided() {
    return outcome != null;
  }

  /** Nobody has touched it: unclaimed and no first approval. */
  public boolean untouched() {
    return outcome == null && claimant == null && firstApproval == null;
  }

  // --- claims ---

  public void validateClaim(ReviewAction action) {
    requireOpen();
    String who = requireUnderwriter(action == null ? null : action.underwriter(), action == null ? null : action.roles());
    if (claimant != null && !claimant.equals(who)) {
      throw new IllegalStateException("already claimed by " + claimant);
    }
    if (firstApproval != null && firstApproval.underwriter().equals(who)) {
      throw new IllegalStateException("the second approval must come from a different underwriter than "
          + firstApproval.underwriter());
    }
  }

  /** Returns the event to publish, or null when the claimant claims again (nothing changes). */
  public String claim(ReviewAction action) {
    if (action.underwriter().equals(claimant)) {
      return null;
    }
    claimant = action.underwriter();
    return "CLAIMED";
  }

  public void validateRelease(ReviewAction action) {
    requireOpen();
    if (action == null || claimant == null || !claimant.equals(action.underwriter())) {
      throw new IllegalStateException(claimant == null ? "the review is not claimed"
          : "only the claimant (" + claimant + ") may release it");
    }
  }

  public String release() {
    claimant = null;
    return "RELEASED";
  }

  // --- decisions ---

  public void validateDecide(ReviewDecision decision) {
    requireOpen();
    if (decision == null || decision.verdict() == null || decision.verdict() == Verdict.EXPIRED) {
      throw new IllegalArgumentException("verdict must be APPROVE, DECLINE or COUNTER_OFFER");
    }
    String who = requireUnderwriter(decision.underwriter(), decision.roles());
    if (claimant == null) {
      throw new IllegalStateException("claim the review before deciding it");
    }
    if (!claimant.equals(who)) {
      throw new IllegalStateException("only the claimant (" + claimant + ") may decide");
    }
    if (decision.reasonCodes().isEmpty()) {
      throw new IllegalArgumentException("at least one reason code is required");
    }
    for (String code : decision.reasonCodes()) {
      if (code == null || !CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("reason codes are upper-case words, e.g. VERIFIED_INCOME");
      }
      if (decision.verdict() == Verdict.DECLINE && !ReasonCatalog.known(code)) {
        throw new IllegalArgumentException("a decline must use the adverse action reasons; unknown: " + code);
      }
    }
    if (firstApproval != null && decision.verdict() == Verdict.COUNTER_OFFER) {
      throw new IllegalArgumentException("the second underwriter approves or declines the first approval");
    }
    if (decision.verdict() == Verdict.COUNTER_OFFER) {
      approvedAmount(decision);
    }
  }

  /**
   * Applies a validated decision at {@code now}: a decline or an approval at or under the four-eyes
   * threshold decides the review; a larger approval waits, released, for a second underwriter.
   */
  public String decide(ReviewDecision decision, long now) {
    if (firstApproval != null) {
      if (decision.verdict() == Verdict.APPROVE) {
        outcome = approval(firstApproval, now, decision.underwriter());
        return "SECOND_APPROVAL";
      }
      outcome = decline(decision, now);
      return "DECLINED";
    }
    if (decision.verdict() == Verdict.DECLINE) {
      outcome = decline(decision, now);
      return "DECLINED";
    }
    if (approvedAmount(decision).amount().compareTo(request.fourEyesAbove()) > 0) {
      firstApproval = decision;
      claimant = null;
      return "FIRST_APPROVAL";
    }
    outcome = approval(decision, now, null);
    return decision.verdict() == Verdict.COUNTER_OFFER ? "COUNTER_OFFERED" : "APPROVED";
  }

  // --- what the SLAs do ---

  /** The claim SLA passed with nobody on it: the review goes up the queue. */
  public String claimSlaMissed() {
    priority = HIGH;
    return "PRIORITY_RAISED";
  }

  /** The decision SLA passed undecided: any claim is dropped and only a senior underwriter may take it. */
  public String escalate() {
    escalated = true;
    priority = ESCALATED;
    requiredRole = SENIOR_UNDERWRITER;
    claimant = null;
    return "ESCALATED";
  }

  /** The review window closed undecided. */
  public String expire(long now) {
    outcome = new ReviewOutcome(request.applicationId(), Verdict.EXPIRED, null, List.of("REVIEW_EXPIRED"), null, now);
    claimant = null;
    return "EXPIRED";
  }

  /** The ticket as the queue shows it at {@code now}. */
  public ReviewTicket ticket(long now, int revision, String event, String actor) {
    String status = outcome != null ? (outcome.verdict() == Verdict.EXPIRED ? "EXPIRED" : "DECIDED")
        : firstApproval != null ? "AWAITING_SECOND_APPROVAL" : claimant != null ? "CLAIMED" : "OPEN";
    String decidedBy = outcome == null ? null
        : outcome.secondApprover() != null ? outcome.underwriter() + "," + outcome.secondApprover()
        : outcome.underwriter();
    return new ReviewTicket(request.applicationId(), status, request.reasonCodes(), request.score(),
        request.requestedAmount(), decidedBy, outcome == null ? null : outcome.verdict().name(), now, priority,
        claimant, requiredRole, firstApproval == null ? null : firstApproval.underwriter(), escalated, revision, event,
        actor);
  }

  private ReviewOutcome decline(ReviewDecision decision, long now) {
    return new ReviewOutcome(request.applicationId(), Verdict.DECLINE, decision.underwriter(), decision.reasonCodes(),
        decision.notes(), now);
  }

  private ReviewOutcome approval(ReviewDecision decision, long now, String secondApprover) {
    List<String> conditions = new ArrayList<>();
    if (decision.verdict() == Verdict.COUNTER_OFFER) {
      if (decision.counterAmount() != null) {
        conditions.add("AMOUNT_REDUCED " + decision.counterAmount());
      }
      if (decision.downPayment() != null) {
        conditions.add("DOWN_PAYMENT " + decision.downPayment());
      }
    }
    return new ReviewOutcome(request.applicationId(), decision.verdict(), decision.underwriter(),
        decision.reasonCodes(), decision.notes(), now, approvedAmount(decision), conditions, secondApprover);
  }

  /** The amount to price: the counter amount (or the request) less any down payment. */
  private Money approvedAmount(ReviewDecision decision) {
    Money requested = request.requestedAmount();
    if (decision.verdict() != Verdict.COUNTER_OFFER) {
      return requested;
    }
    if (decision.counterAmount() == null && decision.downPayment() == null) {
      throw new IllegalArgumentException("a counter-offer needs a counterAmount, a downPayment or both");
    }
    Money base = requested;
    if (decision.counterAmount() != null) {
      requireSameCurrency(decision.counterAmount());
      if (!decision.counterAmount().positive() || decision.counterAmount().compareTo(requested) >= 0) {
        throw new IllegalArgumentException("counterAmount must be positive and below the requested " + requested);
      }
      base = decision.counterAmount();
    }
    if (decision.downPayment() != null) {
      requireSameCurrency(decision.downPayment());
      if (!decision.downPayment().positive() || decision.downPayment().compareTo(base) >= 0) {
        throw new IllegalArgumentException("downPayment must be positive and below " + base);
      }
      base = base.minus(decision.downPayment());
    }
    return base;
  }

  private void requireSameCurrency(Money money) {
    if (!money.currency().equals(request.requestedAmount().currency())) {
      throw new IllegalArgumentException("amounts must be in " + request.requestedAmount().currency());
    }
  }

  private void requireOpen() {
    if (outcome != null) {
      throw new IllegalStateException("already decided: " + outcome.verdict());
    }
  }

  /** Nobody reviews their own application, whatever roles they hold. */
  private String requireUnderwriter(String underwriter, List<String> roles) {
    if (underwriter == null || underwriter.isBlank()) {
      throw new IllegalArgumentException("underwriter is required");
    }
    List<String> held = roles == null ? List.of() : roles;
    if (!held.contains(SENIOR_UNDERWRITER) && !held.contains(requiredRole)) {
      throw new IllegalStateException("this review needs the " + requiredRole + " role");
    }
    if (underwriter.equals(request.applicantId())) {
      throw new IllegalStateException("an underwriter may not claim or decide the review of their own application");
    }
    return underwriter;
  }
}
