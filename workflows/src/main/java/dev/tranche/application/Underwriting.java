package dev.tranche.application;

import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.decision.Action;
import dev.tranche.decision.Decision;
import dev.tranche.decision.VerificationFacts;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewOutcome;
import dev.tranche.review.ReviewRequest;
import dev.tranche.verification.BankDataActivities;
import dev.tranche.verification.BureauActivities;
import dev.tranche.verification.KycActivities;
import dev.tranche.verification.VerificationRequest;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * The facts an application is decided on and the person who decides when the policy cannot: KYC and
 * sanctions, the credit bureau and the bank data asked in parallel, and a manual review as a child
 * workflow ({@code review-{applicationId}}).
 */
final class Underwriting {

  private final KycActivities kyc = Workflow.newActivityStub(KycActivities.class, ActivityOptionsCatalog.kyc());
  private final BureauActivities bureau = Workflow.newActivityStub(BureauActivities.class,
      ActivityOptionsCatalog.bureau());
  private final BankDataActivities bank = Workflow.newActivityStub(BankDataActivities.class,
      ActivityOptionsCatalog.bankData());
  private final ApplicationInput input;
  private final ProcessSettings settings;
  private Integer creditScore;

  Underwriting(ApplicationInput input, ProcessSettings settings) {
    this.input = input;
    this.settings = settings;
  }

  /** The bureau score, once verified (null without a bureau file); an adverse action notice quotes it. */
  Integer creditScore() {
    return creditScore;
  }

  VerificationFacts verify() {
    VerificationRequest request = new VerificationRequest(input.applicationId());
    var identity = Async.function(kyc::verifyIdentity, request);
    var credit = Async.function(bureau::pullCredit, request);
    var bankData = Async.function(bank::summariseBankData, request);
    Promise.allOf(identity, credit, bankData).get();
    VerificationFacts facts = new VerificationFacts(identity.get(), credit.get(), bankData.get());
    creditScore = facts.bureau() == null ? null : facts.bureau().score();
    return facts;
  }

  /** An underwriter decides: the review may approve, counter-offer, decline or run out of time. */
  ReviewOutcome review(Decision decision) {
    ManualReviewWorkflow reviewer = Workflow.newChildWorkflowStub(ManualReviewWorkflow.class,
        ChildWorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.review(input.applicationId()))
            .setTaskQueue(TaskQueues.APPLICATIONS).build());
    return reviewer.review(new ReviewRequest(input.applicationId(), decision.reasonCodes(), decision.score(),
        input.requestedAmount(), settings.reviewWindow(), settings.reviewClaimSlaSeconds(),
        settings.reviewDecisionSlaSeconds(), settings.fourEyesThreshold(), input.borrowerId()));
  }

  /** The decision as recorded after a review: the policy's score and hits, the underwriter's verdict and reasons. */
  static Decision decided(Decision policy, ReviewOutcome review) {
    Action verdict = switch (review.verdict()) {
      case APPROVE, COUNTER_OFFER -> Action.APPROVE;
      case DECLINE -> Action.DECLINE;
      case EXPIRED -> Action.MANUAL_REVIEW;
    };
    return new Decision(verdict, policy.score(), policy.tier(), policy.hits(), review.reasonCodes(),
        policy.policyVersion());
  }
}
