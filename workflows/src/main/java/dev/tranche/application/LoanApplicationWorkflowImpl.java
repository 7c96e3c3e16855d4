package dev.tranche.application;

import dev.tranche.chain.CollateralRequirement;
import dev.tranche.common.FailureType;
import dev.tranche.common.LoanIds;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.decision.Action;
import dev.tranche.decision.AdverseActionNotice;
import dev.tranche.decision.Decision;
import dev.tranche.decision.DecisionEngine;
import dev.tranche.decision.Policy;
import dev.tranche.decision.VerificationFacts;
import dev.tranche.disbursement.DisbursementRequest;
import dev.tranche.disbursement.DisbursementResult;
import dev.tranche.disbursement.DisbursementStatus;
import dev.tranche.disbursement.DisbursementWorkflow;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.Marketplace;
import dev.tranche.money.Amortization;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import dev.tranche.partner.PartnerEvent;
import dev.tranche.review.ReviewOutcome;
import dev.tranche.review.Verdict;
import dev.tranche.servicing.FundedLoan;
import dev.tranche.servicing.LoanActivities;
import dev.tranche.servicing.PaymentReferences;
import dev.tranche.servicing.ServicingState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loan application, from submission (or a partner's invitation) to FUNDED, DECLINED, EXPIRED or
 * FAILED: verify the borrower, decide by policy or by an underwriter, ask the lenders for quotes, wait
 * for the borrower to sign an offer, secure any collateral, fund through the quoting lender and start
 * the loan's servicing. A provider outage parks it in NEEDS_ATTENTION for ops, never a decline.
 */
public class LoanApplicationWorkflowImpl extends TrackedApplication {

  /** After 1.0: the loan id is derived from the application id instead of drawn at random. */
  static final String LOAN_ID_CHANGE = "loan-id-from-application";

  private final LoanActivities loans = Workflow.newActivityStub(LoanActivities.class, ActivityOptionsCatalog.store());
  private final Underwriting underwriting;
  private final PartnerSide partner;
  private final CollateralStep collateral;

  @WorkflowInit
  public LoanApplicationWorkflowImpl(ApplicationInput input) {
    super(input);
    this.underwriting = new Underwriting(input, settings);
    this.partner = new PartnerSide(input.applicationId(), input.partner());
    this.collateral = input.collateral() == null ? null : new CollateralStep(input.applicationId(), input.collateral());
  }

  /**
   * Ops may cancel an application (Temporal's cancellation, with a reason) until the borrower signs: whatever
   * it was waiting for stops, and it ends {@code CANCELLED}. From the signature on, securing the collateral and
   * funding run in a detached scope: money that has started to move is not abandoned half way.
   */
  @Override
  public ApplicationOutcome run(ApplicationInput ignored) {
    try {
      return proceed();
    } catch (RuntimeException e) {
      if (!CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      ApplicationOutcome[] cancelled = new ApplicationOutcome[1];
      Workflow.newDetachedCancellationScope(
          () -> cancelled[0] = finish(ApplicationStatus.CANCELLED, List.of("CANCELLED_BY_OPS"))).run();
      return cancelled[0];
    }
  }

  private ApplicationOutcome proceed() {
    if (input.resumption() != null) {
      ApplicationOutcome resumed = resume(input.resumption());
      if (resumed != null) {
        return resumed;
      }
    }
    if (input.partner() != null && !awaitBorrower()) {
      return finish(ApplicationStatus.EXPIRED, List.of("LINK_EXPIRED"));
    }
    moveTo(ApplicationStatus.VERIFYING);
    VerificationFacts facts;
    try {
      facts = recovering("VERIFICATION", underwriting::verify);
    } catch (ActivityFailure failure) {
      if (!FailureType.is(failure, FailureType.IDENTITY_NOT_FOUND)) {
        throw failure;
      }
      return decline("policy", List.of(FailureType.IDENTITY_NOT_FOUND.name()));
    }
    if (facts == null) {
      return finish(ApplicationStatus.EXPIRED, List.of("VERIFICATION_UNAVAILABLE"));
    }
    Decision decision = DecisionEngine.decide(Policy.standard(), facts);
    store.recordDecision(new DecisionRecord(input.applicationId(), "policy", decision, facts, null));
    reasonCodes = decision.reasonCodes();
    if (decision.outcome() == Action.DECLINE) {
      return decline("policy", decision.reasonCodes());
    }
    Money amount = input.requestedAmount();
    List<String> conditions = List.of();
    String decidedBy = "policy";
    if (decision.outcome() == Action.MANUAL_REVIEW) {
      moveTo(ApplicationStatus.IN_REVIEW);
      ReviewOutcome review = underwriting.review(decision);
      decidedBy = "underwriter:" + review.underwriter();
      store.recordDecision(new DecisionRecord(input.applicationId(), decidedBy, Underwriting.decided(decision, review),
          facts, review.notes()));
      if (review.verdict() == Verdict.EXPIRED) {
        return finish(ApplicationStatus.EXPIRED, review.reasonCodes());
      }
      if (review.verdict() == Verdict.DECLINE) {
        return decline(decidedBy, review.reasonCodes());
      }
      reasonCodes = review.reasonCodes();
      if (review.approvedAmount() != null) {
        amount = review.approvedAmount();
        conditions = review.conditions();
      }
    }
    Money asked = amount;
    MarketQuotes market = new MarketQuotes(input.applicationId(), settings);
    List<LenderQuote> quoted = recovering("QUOTES", () -> market.ask(asked, decision));
    if (quoted == null) {
      // No lender answered at all, and nobody resumed it: not a decision about the borrower.
      return finish(ApplicationStatus.EXPIRED, List.of("QUOTES_UNAVAILABLE"));
    }
    offers = Marketplace.rank(quoted, amount, decision.tier(),
        Workflow.currentTimeMillis(), settings.offerWindow() * 1000, conditions, 3);
    if (offers.isEmpty()) {
      return decline(decidedBy, List.of("NO_LENDER_OFFERS"));
    }
    partner.tell("APPROVED", PartnerEvent.APPROVED, Map.of("offers", String.valueOf(offers.size())));
    outcome = "APPROVED";
    store.saveOffers(new OfferSet(input.applicationId(), offers));
    moveTo(ApplicationStatus.OFFERED);
    sms("offers", Map.of("count", String.valueOf(offers.size())));
    return acceptAndFund(Duration.ofSeconds(settings.offerWindow()));
  }

  /**
   * A repaired run goes on from what PostgreSQL recorded: a signed offer is funded (with the loan id
   * already fixed, so the lender sees the same keys), offers still open wait for the borrower again;
   * anything earlier starts over (verification and quotes are reads, and nothing was promised yet).
   * Returns null when the run starts from the beginning.
   */
  private ApplicationOutcome resume(Resumption from) {
    outcome = "APPROVED";
    if (from.acceptedOfferId() != null && !from.offers().isEmpty()) {
      offers = from.offers();
      acceptance = new AcceptanceResult(input.applicationId(), from.acceptedOfferId(), from.agreementSha256(),
          from.signedAtMillis());
      signed = true;
      loanId = from.loanId();
      status = ApplicationStatus.ACCEPTED;
      return acceptAndFund(null);
    }
    long open = from.offers().stream().mapToLong(Offer::expiresAtMillis).max().orElse(0)
        - Workflow.currentTimeMillis();
    if ("OFFERED".equals(from.status()) && open > 0) {
      offers = from.offers();
      moveTo(ApplicationStatus.OFFERED);
      return acceptAndFund(Duration.ofMillis(open));
    }
    outcome = null;
    return null;
  }

  /** Waits up to {@code window} for the borrower's signature (null: signed already), secures any collateral, funds. */
  private ApplicationOutcome acceptAndFund(Duration window) {
    if (window != null && !Workflow.await(window, () -> signed)) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      if (!signed) {
        return finish(ApplicationStatus.EXPIRED, List.of("OFFER_EXPIRED"));
      }
    }
    ApplicationOutcome[] funded = new ApplicationOutcome[1];
    Workflow.newDetachedCancellationScope(() -> funded[0] = secureAndFund()).run();
    return funded[0];
  }

  /** After the signature: the loan id, the collateral (when the product has it), the funding. */
  private ApplicationOutcome secureAndFund() {
    if (loanId == null) {
      // Fixed before the collateral, which it keys in the vault, and before the lender sees it. Runs from 1.0
      // drew it at random, so a run restarted before its loan id reached PostgreSQL booked a second loan id
      // for the application; now every run of an application keys the same loan.
      loanId = Workflow.getVersion(LOAN_ID_CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
          ? Workflow.randomUUID().toString() : LoanIds.forApplication(input.applicationId());
    }
    if (collateral != null) {
      String refused = secureCollateral();
      if (refused != null) {
        return finish(ApplicationStatus.EXPIRED, List.of(refused));
      }
    }
    return fund();
  }

  /** The borrower is asked for the collateral, which must arrive and be locked within the window. */
  private String secureCollateral() {
    Offer offer = acceptedOffer();
    CollateralRequirement requirement = collateral.require(loanId, offer, settings.collateralWindow());
    if (requirement == null) {
      return "COLLATERAL_SETUP_FAILED";
    }
    moveTo(ApplicationStatus.AWAITING_COLLATERAL);
    sms("collateral-requested", Map.of("amountWei", requirement.requiredWei(), "vault", requirement.vaultAddress(),
        "loanId", loanId));
    return collateral.awaitAndLock(loanId, offer, requirement);
  }

  /** Waits for the invited borrower to submit through the link, until it expires. */
  private boolean awaitBorrower() {
    moveTo(ApplicationStatus.INVITED);
    partner.sendLink();
    long left = input.partner().linkExpiresAtMillis() - Workflow.currentTimeMillis();
    boolean submitted = Workflow.await(Duration.ofMillis(Math.max(0, left)), () -> borrowerSubmitted)
        || partner.submittedWithoutSignal();
    if (!submitted) {
      partner.tell("CANCELLED", null, Map.of());
      return false;
    }
    moveTo(ApplicationStatus.SUBMITTED);
    partner.tell("SUBMITTED", PartnerEvent.SUBMITTED, Map.of());
    return true;
  }

  /**
   * Funds through the lender that quoted the accepted offer (a child disbursement that compensates its
   * own failures), books the loan against that lender and starts its servicing, its own workflow by
   * business id: the loan outlives this application by years.
   */
  private ApplicationOutcome fund() {
    Offer offer = acceptedOffer();
    moveTo(ApplicationStatus.FUNDING);
    DisbursementRequest request = new DisbursementRequest(loanId, input.applicationId(), offer.lender(),
        offer.principal(), offer.principal().minus(offer.originationFee()), settings.fundingWebhookWait(),
        settings.fundingPollInterval(), settings.fundingPollLimit(), settings.fundingRetry());
    DisbursementResult result;
    try {
      result = Workflow.newChildWorkflowStub(DisbursementWorkflow.class, ChildWorkflowOptions.newBuilder()
          .setWorkflowId(WorkflowIds.disbursement(loanId)).setTaskQueue(TaskQueues.SERVICING).build()).disburse(request);
    } catch (ChildWorkflowFailure failure) {
      // Anything the disbursement did not compensate itself still ends the application with the borrower
      // told, never a failed workflow behind FUNDING.
      result = new DisbursementResult(loanId, DisbursementStatus.FAILED, null, 0, "DISBURSEMENT_FAILED");
    }
    if (result.status() != DisbursementStatus.FUNDED) {
      if (collateral != null && collateral.locked()) {
        // No loan: the collateral goes back to the borrower.
        collateral.release(loanId);
      }
      sms("funding-failed", Map.of());
      partner.tell("CANCELLED", null, Map.of());
      return finish(ApplicationStatus.FAILED, List.of(result.reason()));
    }
    var schedule = Amortization.schedule(offer.principal(), offer.apr(), offer.termMonths(),
        LocalDates.utcDate(result.fundedAtMillis()));
    loans.bookFundedLoan(new FundedLoan(loanId, input.applicationId(), input.borrowerId(), request.lender(),
        result.lenderLoanId(), offer, result.fundedAtMillis(), schedule));
    loans.startServicing(new ServicingState(loanId, schedule, 1, offer.principal(), List.of()));
    if (collateral != null && collateral.locked()) {
      collateral.funded(loanId, offer);
    }
    Money net = offer.principal().minus(offer.originationFee());
    sms("funded", Map.of("amount", net.toString(), "firstDue", schedule.getFirst().dueDate().toString(),
        "reference", PaymentReferences.of(loanId)));
    partner.tell("FUNDED", PartnerEvent.DISBURSED, Map.of("loanId", loanId, "lender", offer.lender(),
        "amount", offer.principal().amount().toPlainString(), "currency", offer.principal().currency().getCurrencyCode()));
    return finish(ApplicationStatus.FUNDED, reasonCodes);
  }

  /** Declined: the adverse action notice (Regulation B allows 30 days) goes out now, stored in full and texted. */
  private ApplicationOutcome decline(String decidedBy, List<String> reasons) {
    outcome = "DECLINED";
    Integer score = underwriting.creditScore();
    AdverseActionNotice notice = AdverseActionNotice.of(input.applicationId(), decidedBy, reasons, score,
        Workflow.currentTimeMillis());
    store.recordAdverseAction(notice);
    Map<String, String> params = new HashMap<>();
    params.put("reasons", String.join(" ", notice.principalReasons()));
    params.put("score", score == null ? "" : score.toString());
    sms("adverse-action", params);
    partner.tell("DECLINED", PartnerEvent.DECLINED, Map.of());
    return finish(ApplicationStatus.DECLINED, reasons);
  }

  private ApplicationOutcome finish(ApplicationStatus finalStatus, List<String> reasons) {
    reasonCodes = List.copyOf(reasons);
    if (outcome == null) {
      outcome = finalStatus.name();
    }
    ApplicationStatus previous = status;
    moveTo(finalStatus);
    if (finalStatus == ApplicationStatus.EXPIRED && previous != ApplicationStatus.INVITED
        || finalStatus == ApplicationStatus.CANCELLED) {
      partner.tell("CANCELLED", null, Map.of());
    }
    partner.join();
    return new ApplicationOutcome(input.applicationId(), finalStatus, reasonCodes, loanId);
  }
}
