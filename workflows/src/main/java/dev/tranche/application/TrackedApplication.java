package dev.tranche.application;

import dev.tranche.common.FailureType;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.SearchAttributes;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import dev.tranche.offer.Agreement;
import dev.tranche.offer.Offer;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where an application stands and what the outside sees and does to it: its status (written to
 * PostgreSQL and the search attribute at every move), offers, acceptance and loan id; the status query,
 * the borrower's submission and ops' resume signals, and the borrower's signature (an update whose
 * validator refuses anything out of turn). {@link LoanApplicationWorkflowImpl} is the process on top.
 */
abstract class TrackedApplication implements LoanApplicationWorkflow {

  /** Our own PostgreSQL facts are written through local activities: no round trip through the server. */
  final ApplicationActivities store = Workflow.newLocalActivityStub(ApplicationActivities.class,
      ActivityOptionsCatalog.localStore());
  private final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptionsCatalog.sms());

  final ApplicationInput input;
  final ProcessSettings settings;
  /** Version of the acceptance's handling of a store failure (1: the claim released, a signed acceptance kept). */
  private static final String ACCEPTANCE_STORE_FAILURE = "acceptance-store-failure";

  ApplicationStatus status = ApplicationStatus.SUBMITTED;
  /** The status last written to the store (the read model the API answers from); null before the first. */
  private ApplicationStatus recorded;
  String outcome;
  List<String> reasonCodes = List.of();
  List<Offer> offers = List.of();
  AcceptanceResult acceptance;
  String loanId;
  boolean signed;
  boolean borrowerSubmitted;
  boolean resumeRequested;

  TrackedApplication(ApplicationInput input) {
    this.input = input;
    this.settings = input.settings() == null ? ProcessSettings.defaults() : input.settings();
  }

  Offer acceptedOffer() {
    return offers.stream().filter(o -> o.offerId().equals(acceptance.offerId())).findFirst().orElseThrow();
  }

  /**
   * Runs a provider step. When it cannot be done (its retries ran out, or it answered null: nobody
   * reachable), the application is parked in NEEDS_ATTENTION, the borrower is told it is delayed, and
   * the step runs again when ops resume it. Returns null when nobody resumed it within the attention
   * window. An unknown identity is a decision, not an outage: it is rethrown.
   */
  <T> T recovering(String step, Functions.Func<T> call) {
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

  void moveTo(ApplicationStatus next) {
    status = next;
    store.markStatus(new StatusChange(input.applicationId(), next, reasonCodes, loanId));
    recorded = next;
    Workflow.upsertTypedSearchAttributes(SearchAttributes.STATUS.valueSet(next.name()));
  }

  @Override
  public ApplicationStatus awaitDecision(int seconds) {
    Workflow.await(Duration.ofSeconds(seconds), () -> recorded != null && recorded.decided());
    return recorded != null ? recorded : status;
  }

  @Override
  public void validateAwaitDecision(int seconds) {
    if (seconds < 1 || seconds > 30) {
      throw new IllegalArgumentException("a decision is waited for 1 to 30 seconds, not " + seconds);
    }
  }

  /** A text that cannot be delivered after capped retries is logged, never allowed to fail the application. */
  void sms(String template, Map<String, String> params) {
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
    if (CancellationScope.current().isCancelRequested()) {
      throw new IllegalStateException("the application was cancelled");
    }
    OfferAcceptance.validate(request, input.borrowerId(), status, acceptance, offers, Workflow.currentTimeMillis());
  }

  @Override
  public AcceptanceResult acceptOffer(AcceptOfferRequest request) {
    Offer offer = offers.stream().filter(o -> o.offerId().equals(request.offerId())).findFirst().orElseThrow();
    String sha = Agreement.sha256(Agreement.render(input.applicationId(), offer));
    long signedAt = Workflow.currentTimeMillis();
    AcceptanceResult result = new AcceptanceResult(input.applicationId(), offer.offerId(), sha, signedAt);
    // Claim the acceptance before the activity yields, so a concurrent second update is rejected.
    acceptance = result;
    try {
      store.recordSignature(new SignatureRecord(input.applicationId(), offer.offerId(), request.borrowerId(),
          request.signatureName(), signedAt, request.ipAddress(), request.userAgent(), sha));
    } catch (ActivityFailure storeDown) {
      // Nothing was signed: the claim is released so the borrower's retry can sign (before, the claim stayed and
      // every retry was refused while the application waited for a signature that would never come).
      if (Workflow.getVersion(ACCEPTANCE_STORE_FAILURE, Workflow.DEFAULT_VERSION, 1) >= 1) {
        acceptance = null;
      }
      throw storeDown;
    }
    status = ApplicationStatus.ACCEPTED;
    try {
      store.markStatus(new StatusChange(input.applicationId(), ApplicationStatus.ACCEPTED, reasonCodes, null));
    } catch (ActivityFailure storeDown) {
      // Signed is signed: the read model catches up at the next status the workflow writes.
      if (Workflow.getVersion(ACCEPTANCE_STORE_FAILURE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
        throw storeDown;
      }
    }
    signed = true;
    return result;
  }
}
