package dev.tranche.application;

import dev.tranche.common.FailureType;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.SearchAttributes;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
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
import dev.tranche.money.Amortization;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.Marketplace;
import dev.tranche.marketplace.MarketplaceActivities;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.partner.CrmWriteback;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerEvent;
import dev.tranche.offer.Agreement;
import dev.tranche.offer.Offer;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewOutcome;
import dev.tranche.review.ReviewRequest;
import dev.tranche.review.Verdict;
import dev.tranche.servicing.FundedLoan;
import dev.tranche.servicing.LoanActivities;
import dev.tranche.servicing.PaymentReferences;
import dev.tranche.servicing.ServicingState;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainOptions;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.Transactions;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.WalletPayout;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class LoanApplicationWorkflowImpl implements LoanApplicationWorkflow {

  /** Our own PostgreSQL facts are written through local activities: no round trip through the server. */
  private final ApplicationActivities store = Workflow.newLocalActivityStub(ApplicationActivities.class,
      ActivityOptionsCatalog.localStore());
  private final KycActivities kyc = Workflow.newActivityStub(KycActivities.class, ActivityOptionsCatalog.kyc());
  private final BureauActivities bureau = Workflow.newActivityStub(BureauActivities.class,
      ActivityOptionsCatalog.bureau());
  private final BankDataActivities bank = Workflow.newActivityStub(BankDataActivities.class,
      ActivityOptionsCatalog.bankData());
  private final LoanActivities loans = Workflow.newActivityStub(LoanActivities.class, ActivityOptionsCatalog.store());
  private final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptionsCatalog.sms());

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());

  private final PartnerActivities crm = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.crmWriteback());
  private final PartnerActivities invitations = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.sms());
  private final PartnerActivities partnerWebhooks = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.partnerWebhook());

  private final ApplicationInput input;
  private ApplicationStatus status = ApplicationStatus.SUBMITTED;
  private boolean borrowerSubmitted;
  private Integer creditScore;
  /** Partner writebacks and webhooks run alongside the application and are joined before it ends. */
  private final List<Promise<Void>> partnerCalls = new ArrayList<>();
  private Promise<Void> crmChain = Workflow.newPromise(null);
  private String outcome;
  private List<String> reasonCodes = List.of();
  private List<Offer> offers = List.of();
  private AcceptanceResult acceptance;
  private boolean signed;
  private String loanId;
  /** The collateralised product's deposit is locked against the loan: it is monitored once funded. */
  private boolean collateralLocked;
  private boolean resumeRequested;
  private ProcessSettings settings;

  @WorkflowInit
  public LoanApplicationWorkflowImpl(ApplicationInput input) {
    this.input = input;
  }

  @Override
  public ApplicationOutcome run(ApplicationInput ignored) {
    settings = input.settings() == null ? ProcessSettings.defaults() : input.settings();
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
      facts = recovering("VERIFICATION", this::verify);
    } catch (ActivityFailure failure) {
      if (!FailureType.is(failure, FailureType.IDENTITY_NOT_FOUND)) {
        throw failure;
      }
      return decline("policy", List.of(FailureType.IDENTITY_NOT_FOUND.name()));
    }
    if (facts == null) {
      return finish(ApplicationStatus.EXPIRED, List.of("VERIFICATION_UNAVAILABLE"));
    }
    creditScore = facts.bureau() == null ? null : facts.bureau().score();
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
      ReviewOutcome review = review(decision, settings);
      Action verdict = review.verdict() == Verdict.APPROVE ? Action.APPROVE
          : review.verdict() == Verdict.DECLINE ? Action.DECLINE
          : review.verdict() == Verdict.COUNTER_OFFER ? Action.APPROVE : Action.MANUAL_REVIEW;
      store.recordDecision(new DecisionRecord(input.applicationId(), "underwriter:" + review.underwriter(),
          new Decision(verdict, decision.score(), decision.tier(), decision.hits(), review.reasonCodes(),
              decision.policyVersion()), facts, review.notes()));
      if (review.verdict() == Verdict.EXPIRED) {
        return finish(ApplicationStatus.EXPIRED, review.reasonCodes());
      }
      decidedBy = "underwriter:" + review.underwriter();
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
    List<LenderQuote> quoted = recovering("QUOTES", () -> marketRounds(asked, decision));
    if (quoted == null) {
      // No lender answered at all, and nobody resumed it: not a decision about the borrower.
      return finish(ApplicationStatus.EXPIRED, List.of("QUOTES_UNAVAILABLE"));
    }
    offers = Marketplace.rank(quoted, amount, decision.tier(),
        Workflow.currentTimeMillis(), settings.offerWindow() * 1000, conditions, 3);
    if (offers.isEmpty()) {
      return decline(decidedBy, List.of("NO_LENDER_OFFERS"));
    }
    partner("APPROVED", PartnerEvent.APPROVED, Map.of("offers", String.valueOf(offers.size())));
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

  /**
   * Waits up to {@code window} for the borrower's signature (null: signed already), then secures any
   * collateral and funds.
   */
  private ApplicationOutcome acceptAndFund(Duration window) {
    if (window != null && !Workflow.await(window, () -> signed)) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      if (!signed) {
        return finish(ApplicationStatus.EXPIRED, List.of("OFFER_EXPIRED"));
      }
    }
    if (input.collateral() != null) {
      String refused = secureCollateral(settings);
      if (refused != null) {
        return finish(ApplicationStatus.EXPIRED, List.of(refused));
      }
    }
    return fund(settings);
  }

  /**
   * The collateralised product: the loan id is fixed now (it keys the vault position), the borrower is
   * asked for 111 % of the principal in collateral, and the deposit must arrive, from the borrower's
   * wallet and with the chain's confirmations, within the window; then it is locked against the loan.
   * Returns why the application cannot go on, or null.
   */
  private String secureCollateral(ProcessSettings settings) {
    Offer offer = acceptedOffer();
    CollateralChoice choice = input.collateral();
    if (loanId == null) {
      loanId = Workflow.randomUUID().toString();
    }
    CollateralRequirement requirement = chain.requireCollateral(new CollateralRequest(input.applicationId(), loanId,
        choice.chain(), offer.principal(), choice.walletAddress(), settings.collateralWindow()));
    // Only the borrower's wallet may deposit for this loan: nobody can claim the position first with dust.
    TxOutcome registered = Transactions.confirm(chain, receipts, choice.chain(),
        chain.submitExpectDeposit(choice.chain(), loanId, choice.walletAddress()));
    if (registered == null || !registered.success()) {
      return "COLLATERAL_SETUP_FAILED";
    }
    moveTo(ApplicationStatus.AWAITING_COLLATERAL);
    sms("collateral-requested", Map.of("amountWei", requirement.requiredWei(), "vault", requirement.vaultAddress(),
        "loanId", loanId));
    long left = requirement.deadlineMillis() - Workflow.currentTimeMillis();
    CollateralDeposit deposit;
    try {
      deposit = Workflow.newActivityStub(ChainActivities.class, ChainOptions.depositWatch(left))
          .awaitDeposit(choice.chain(), loanId);
    } catch (ActivityFailure failure) {
      if (FailureType.is(failure, FailureType.CHAIN_MISCONFIGURED)) {
        throw failure;
      }
      return "COLLATERAL_NOT_DEPOSITED";
    }
    boolean fromBorrower = deposit.depositor().equalsIgnoreCase(choice.walletAddress());
    boolean enough = new BigInteger(deposit.amountWei()).compareTo(new BigInteger(requirement.requiredWei())) >= 0;
    if (!fromBorrower || !enough) {
      // Not what was asked: it goes back to whoever sent it, and the loan is not made.
      chain.recordDeposit(deposit, "REJECTED");
      releaseCollateral();
      return fromBorrower ? "COLLATERAL_INSUFFICIENT" : "COLLATERAL_FROM_ANOTHER_WALLET";
    }
    chain.recordDeposit(deposit, "DEPOSITED");
    TxOutcome locked = Transactions.confirm(chain, receipts, choice.chain(),
        chain.submitLock(choice.chain(), loanId, offer.principal().amount().toPlainString()));
    if (locked == null || !locked.success()) {
      // E.g. the vault is paused: the deposit is not left behind.
      releaseCollateral();
      return "COLLATERAL_LOCK_FAILED";
    }
    collateralLocked = true;
    return null;
  }

  /** Returns the deposit to the borrower (confirmed on-chain before the application goes on). */
  private void releaseCollateral() {
    dev.tranche.chain.CollateralReleases.release(chain, receipts, input.collateral().chain(), loanId,
        "application " + input.applicationId());
  }

  private Offer acceptedOffer() {
    return offers.stream().filter(o -> o.offerId().equals(acceptance.offerId())).findFirst().orElseThrow();
  }

  private VerificationFacts verify() {
    VerificationRequest request = new VerificationRequest(input.applicationId());
    var identity = Async.function(kyc::verifyIdentity, request);
    var credit = Async.function(bureau::pullCredit, request);
    var bankData = Async.function(bank::summariseBankData, request);
    Promise.allOf(identity, credit, bankData).get();
    return new VerificationFacts(identity.get(), credit.get(), bankData.get());
  }

  private ReviewOutcome review(Decision decision, ProcessSettings settings) {
    ManualReviewWorkflow reviewer = Workflow.newChildWorkflowStub(ManualReviewWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.review(input.applicationId()))
            .setTaskQueue(TaskQueues.APPLICATIONS)
            .build());
    return reviewer.review(new ReviewRequest(input.applicationId(), decision.reasonCodes(), decision.score(),
        input.requestedAmount(), settings.reviewWindow(), settings.reviewClaimSlaSeconds(),
        settings.reviewDecisionSlaSeconds(), settings.fourEyesThreshold(), input.borrowerId()));
  }

  /** Waits for the invited borrower to submit through the link, until it expires. */
  private boolean awaitBorrower() {
    moveTo(ApplicationStatus.INVITED);
    try {
      invitations.sendBorrowerLink(input.applicationId());
    } catch (ActivityFailure failure) {
      Workflow.getLogger(LoanApplicationWorkflowImpl.class).warn("link text not delivered for {}",
          input.applicationId());
    }
    long left = input.partner().linkExpiresAtMillis() - Workflow.currentTimeMillis();
    boolean submitted = Workflow.await(Duration.ofMillis(Math.max(0, left)), () -> borrowerSubmitted);
    if (!submitted) {
      // The API commits the submission before it signals; a signal lost in between is repaired here.
      submitted = crm.borrowerSubmitted(input.applicationId());
    }
    if (!submitted) {
      partner("CANCELLED", null, Map.of());
      return false;
    }
    moveTo(ApplicationStatus.SUBMITTED);
    partner("SUBMITTED", PartnerEvent.SUBMITTED, Map.of());
    return true;
  }

  /**
   * Asks the marketplace in rounds: a round that brings no quote while some lender has not answered
   * (down, failing, its circuit open) is followed by another, with backoff, for the quote retry window.
   * Returns the quotes (empty only when every lender answered and none offered: a decision), or null
   * when lenders were still unreachable at the end of the window.
   */
  private List<LenderQuote> marketRounds(Money amount, Decision decision) {
    List<String> waiting = new ArrayList<>(settings.lenders());
    List<LenderQuote> quotes = new ArrayList<>();
    long until = Workflow.currentTimeMillis() + settings.quoteRetryWindow() * 1000;
    long backoff = 2_000;
    while (true) {
      quoteRound(waiting, quotes, amount, decision);
      if (!quotes.isEmpty() || waiting.isEmpty()) {
        return quotes;
      }
      if (Workflow.currentTimeMillis() + backoff > until) {
        return null;
      }
      Workflow.sleep(Duration.ofMillis(backoff));
      backoff = Math.min(backoff * 2, 60_000);
    }
  }

  /**
   * Asks {@code lenders} in parallel and waits at most the quote deadline: a slow or failing lender is
   * skipped (and stays in {@code lenders}), its late answer ignored; those that answered are removed.
   */
  private void quoteRound(List<String> lenders, List<LenderQuote> quotes, Money amount, Decision decision) {
    MarketplaceActivities market = Workflow.newActivityStub(MarketplaceActivities.class,
        ActivityOptionsCatalog.quote(settings.quoteDeadline()));
    Map<String, Promise<LenderQuotes>> asked = new java.util.LinkedHashMap<>();
    for (String lender : lenders) {
      asked.put(lender, Async.function(market::requestQuotes,
          new QuoteRequest(input.applicationId(), lender, amount, decision.tier(), decision.score())));
    }
    Workflow.await(Duration.ofMillis(settings.quoteDeadline()),
        () -> asked.values().stream().allMatch(Promise::isCompleted));
    asked.forEach((lender, answer) -> {
      if (answer.isCompleted() && answer.getFailure() == null) {
        quotes.addAll(answer.get().quotes());
        lenders.remove(lender);
      }
    });
  }

  /**
   * Runs a provider step. When it cannot be done (its retries ran out, or it answered null: nobody
   * reachable), the application is parked in NEEDS_ATTENTION, the borrower is told it is delayed, and
   * the step runs again when ops resume it. Returns null when nobody resumed it within the attention
   * window. An unknown identity is a decision, not an outage: it is rethrown.
   */
  private <T> T recovering(String step, io.temporal.workflow.Functions.Func<T> call) {
    ApplicationStatus before = status;
    List<String> reasonsBefore = reasonCodes;
    while (true) {
      try {
        T done = call.apply();
        if (done != null) {
          return done;
        }
      } catch (ActivityFailure failure) {
        if (FailureType.is(failure, FailureType.IDENTITY_NOT_FOUND)) {
          throw failure;
        }
      }
      reasonCodes = List.of(step + "_UNAVAILABLE");
      moveTo(ApplicationStatus.NEEDS_ATTENTION);
      sms("delayed", Map.of());
      resumeRequested = false;
      if (!Workflow.await(Duration.ofSeconds(settings.attentionWindow()), () -> resumeRequested)) {
        return null;
      }
      resumeRequested = false;
      reasonCodes = reasonsBefore;
      moveTo(before);
    }
  }

  /** Tells the partner (CRM job status, and a signed webhook when {@code eventType} is given). */
  private void partner(String crmStatus, String eventType, Map<String, String> data) {
    if (input.partner() == null) {
      return;
    }
    var ref = input.partner();
    CrmWriteback writeback = new CrmWriteback(input.applicationId(), ref.partnerId(), ref.jobId(), crmStatus);
    // Writebacks go in order, so the CRM job always ends on the latest status.
    crmChain = crmChain.handle((ok, failure) -> null).thenCompose(ignored -> Async.procedure(crm::writeBack, writeback));
    partnerCalls.add(crmChain);
    if (eventType != null) {
      Map<String, String> payload = new HashMap<>(data);
      payload.put("applicationId", input.applicationId());
      payload.put("jobId", ref.jobId());
      payload.put("status", crmStatus);
      partnerCalls.add(Async.procedure(partnerWebhooks::deliverEvent, new PartnerEvent(
          "evt_" + input.applicationId() + "_" + eventType, ref.partnerId(), eventType, input.applicationId(),
          Workflow.currentTimeMillis(), payload)));
    }
  }

  private ApplicationOutcome fund(ProcessSettings settings) {
    Offer offer = acceptedOffer();
    if (loanId == null) {
      loanId = Workflow.randomUUID().toString();
    }
    moveTo(ApplicationStatus.FUNDING);
    DisbursementWorkflow disbursement = Workflow.newChildWorkflowStub(DisbursementWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.disbursement(loanId))
            .setTaskQueue(TaskQueues.SERVICING)
            .build());
    DisbursementRequest request = new DisbursementRequest(loanId, input.applicationId(),
        offer.lender(), offer.principal(), offer.principal().minus(offer.originationFee()),
        settings.fundingWebhookWait(), settings.fundingPollInterval(), settings.fundingPollLimit(),
        settings.fundingRetry());
    DisbursementResult result;
    try {
      result = disbursement.disburse(request);
    } catch (io.temporal.failure.ChildWorkflowFailure failure) {
      // The disbursement compensates every lender failure itself; anything else still ends the
      // application with the borrower told, never a failed workflow behind FUNDING.
      result = new DisbursementResult(loanId, DisbursementStatus.FAILED, null, 0, "DISBURSEMENT_FAILED");
    }
    if (result.status() != DisbursementStatus.FUNDED) {
      if (collateralLocked) {
        // No loan: the collateral goes back to the borrower.
        releaseCollateral();
      }
      sms("funding-failed", Map.of());
      partner("CANCELLED", null, Map.of());
      return finish(ApplicationStatus.FAILED, List.of(result.reason()));
    }
    var schedule = Amortization.schedule(offer.principal(), offer.apr(), offer.termMonths(),
        LocalDates.utcDate(result.fundedAtMillis()));
    // Booked against the lender that quoted and funded it (its loan, its liability).
    loans.bookFundedLoan(new FundedLoan(loanId, input.applicationId(), input.borrowerId(), request.lender(),
        result.lenderLoanId(), offer, result.fundedAtMillis(), schedule));
    ServicingState servicingState = new ServicingState(loanId, schedule, 1, offer.principal(), List.of());
    // The loan outlives its application by years: its servicing is its own workflow, started by
    // business id through an activity, not a child tied to this (closing) run.
    loans.startServicing(servicingState);
    if (collateralLocked) {
      CollateralChoice choice = input.collateral();
      chain.startMonitor(loanId, input.applicationId(), choice.chain());
      if (choice.walletPayout()) {
        // The lender funded our settlement account; the borrower is paid in the stablecoin.
        WalletPayout payout = new WalletPayout(loanId, choice.chain(), choice.walletAddress(),
            offer.principal().minus(offer.originationFee()));
        TxOutcome paid = Transactions.confirm(chain, receipts, choice.chain(), chain.submitPayout(payout));
        if (paid == null || !paid.success()) {
          throw ApplicationFailure.newNonRetryableFailure("the wallet payout of " + loanId + " failed",
              "WALLET_PAYOUT_FAILED");
        }
        chain.bookPayout(payout, paid.txHash());
      }
    }
    sms("funded", Map.of("amount", offer.principal().minus(offer.originationFee()).toString(),
        "firstDue", schedule.getFirst().dueDate().toString(), "reference", PaymentReferences.of(loanId)));
    partner("FUNDED", PartnerEvent.DISBURSED, Map.of("loanId", loanId, "lender", offer.lender(),
        "amount", offer.principal().amount().toPlainString(), "currency", offer.principal().currency().getCurrencyCode()));
    return finish(ApplicationStatus.FUNDED, reasonCodes);
  }

  private ApplicationOutcome decline(String decidedBy, List<String> reasons) {
    outcome = "DECLINED";
    // Regulation B allows 30 days; the notice goes out now, stored in full and texted.
    AdverseActionNotice notice = AdverseActionNotice.of(input.applicationId(), decidedBy, reasons, creditScore,
        Workflow.currentTimeMillis());
    store.recordAdverseAction(notice);
    Map<String, String> params = new HashMap<>();
    params.put("reasons", String.join(" ", notice.principalReasons()));
    params.put("score", creditScore == null ? "" : creditScore.toString());
    sms("adverse-action", params);
    partner("DECLINED", PartnerEvent.DECLINED, Map.of());
    return finish(ApplicationStatus.DECLINED, reasons);
  }

  private ApplicationOutcome finish(ApplicationStatus finalStatus, List<String> reasons) {
    reasonCodes = List.copyOf(reasons);
    if (outcome == null) {
      outcome = finalStatus.name();
    }
    ApplicationStatus previous = status;
    moveTo(finalStatus);
    if (finalStatus == ApplicationStatus.EXPIRED && previous != ApplicationStatus.INVITED) {
      partner("CANCELLED", null, Map.of());
    }
    joinPartnerCalls();
    return new ApplicationOutcome(input.applicationId(), finalStatus, reasonCodes, loanId);
  }

  /** The application ends only once the partner has been told (or its retries are exhausted). */
  private void joinPartnerCalls() {
    for (Promise<Void> call : partnerCalls) {
      try {
        call.get();
      } catch (ActivityFailure failure) {
        Workflow.getLogger(LoanApplicationWorkflowImpl.class).warn("partner update for {} gave up: {}",
            input.applicationId(), failure.getMessage());
      }
    }
  }

  private void moveTo(ApplicationStatus next) {
    status = next;
    store.markStatus(new StatusChange(input.applicationId(), next, reasonCodes, loanId));
    Workflow.upsertTypedSearchAttributes(SearchAttributes.STATUS.valueSet(next.name()));
  }

  /** A text that cannot be delivered after capped retries is logged, never allowed to fail the application. */
  private void sms(String template, Map<String, String> params) {
    Texts.send(notifications, new Sms(input.applicationId() + ":" + template, input.applicationId(), template, params));
  }

  @Override
  public void borrowerSubmitted() {
    borrowerSubmitted = true;
  }

  @Override
  public void resume() {
    resumeRequested = true;
  }

  @Override
  public ApplicationView status() {
    return new ApplicationView(input.applicationId(), status, outcome, reasonCodes, offers,
        acceptance == null ? null : acceptance.offerId(), loanId);
  }

  @Override
  public void validateAcceptOffer(AcceptOfferRequest request) {
    if (request == null || request.offerId() == null) {
      throw new IllegalArgumentException("offerId is required");
    }
    if (!input.borrowerId().equals(request.borrowerId())) {
      throw new IllegalArgumentException("this application belongs to another borrower");
    }
    if (acceptance != null) {
      throw new IllegalStateException("an offer was already accepted: " + acceptance.offerId());
    }
    if (status != ApplicationStatus.OFFERED) {
      throw new IllegalStateException("application is " + status + ", not OFFERED");
    }
    Offer offer = offers.stream().filter(o -> o.offerId().equals(request.offerId())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown offer " + request.offerId()));
    if (Workflow.currentTimeMillis() >= offer.expiresAtMillis()) {
      throw new IllegalStateException("offer " + offer.offerId() + " has expired");
    }
    if (request.signatureName() == null || request.signatureName().isBlank()) {
      throw new IllegalArgumentException("a signature is required");
    }
  }

  @Override
  public AcceptanceResult acceptOffer(AcceptOfferRequest request) {
    Offer offer = offers.stream().filter(o -> o.offerId().equals(request.offerId())).findFirst().orElseThrow();
    String sha = Agreement.sha256(Agreement.render(input.applicationId(), offer));
    long signedAt = Workflow.currentTimeMillis();
    AcceptanceResult result = new AcceptanceResult(input.applicationId(), offer.offerId(), sha, signedAt);
    // Claim the acceptance before the activity yields, so a concurrent second update is rejected.
    acceptance = result;
    store.recordSignature(new SignatureRecord(input.applicationId(), offer.offerId(), request.borrowerId(),
        request.signatureName(), signedAt, request.ipAddress(), request.userAgent(), sha));
    status = ApplicationStatus.ACCEPTED;
    store.markStatus(new StatusChange(input.applicationId(), ApplicationStatus.ACCEPTED, reasonCodes, null));
    signed = true;
    return result;
  }
}
