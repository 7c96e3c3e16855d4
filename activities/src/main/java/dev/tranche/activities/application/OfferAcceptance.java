package dev.tranche.activities.application;

import dev.tranche.application.AcceptOfferRequest;
import dev.tranche.application.AcceptanceResult;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import dev.tranche.activities.support.Refused;
import dev.tranche.offer.Agreement;
import io.temporal.client.WorkflowException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A borrower accepts and e-signs an offer, through the application workflow's update (which renders the
 * agreement and records its hash), for the API and the borrower's pages alike. Accepting the offer already
 * signed answers the signature again; another offer after a signature is refused ({@link Refused}, a conflict).
 */
@Component
public class OfferAcceptance {

  /** The offer signed: the agreement's hash and when. */
  public record Signed(String applicationId, String offerId, String agreementSha256, Instant signedAt) {
  }

  /** Who signs, as the audit trail keeps them. */
  public record Signer(String borrowerId, String typedName, String ipAddress, String userAgent) {
  }

  private final ApplicationReads reads;
  private final ObjectProvider<WorkflowClient> temporal;

  OfferAcceptance(ApplicationReads reads, ObjectProvider<WorkflowClient> temporal) {
    this.reads = reads;
    this.temporal = temporal;
  }

  /**
   * The agreement the borrower would sign for {@code offerId}, rendered from the offer the workflow holds (its
   * query) by the same function that renders it at signing, so its SHA-256 is the one the signature records.
   * Empty when the application's workflow no longer runs or has no such offer.
   */
  public Optional<String> agreement(UUID applicationId, String offerId) {
    try {
      var view = temporal.getObject().newWorkflowStub(LoanApplicationWorkflow.class,
          WorkflowIds.application(applicationId.toString())).status();
      return view.offers().stream().filter(o -> o.offerId().equals(offerId)).findFirst()
          .map(offer -> Agreement.render(applicationId.toString(), offer));
    } catch (WorkflowException gone) {
      return Optional.empty();
    }
  }

  public Signed accept(UUID applicationId, String offerId, Signer signer) {
    var earlier = reads.signature(applicationId);
    if (earlier.isPresent()) {
      if (!earlier.get().offerId().equals(offerId)) {
        throw Refused.conflict("offer " + earlier.get().offerId() + " was already accepted");
      }
      return new Signed(applicationId.toString(), offerId, earlier.get().agreementSha256(),
          earlier.get().signedAt());
    }
    LoanApplicationWorkflow workflow = temporal.getObject().newWorkflowStub(LoanApplicationWorkflow.class,
        WorkflowIds.application(applicationId.toString()));
    String agent = signer.userAgent() == null || signer.userAgent().length() <= 500 ? signer.userAgent()
        : signer.userAgent().substring(0, 500);
    AcceptanceResult result = workflow.acceptOffer(new AcceptOfferRequest(offerId, signer.borrowerId(),
        signer.typedName(), signer.ipAddress(), agent));
    return new Signed(result.applicationId(), result.offerId(), result.agreementSha256(),
        Instant.ofEpochMilli(result.signedAtMillis()));
  }
}
