package dev.tranche.activities.partner;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.support.Refused;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The borrower's side of a partner invitation, shared by the API ({@code /api/v1/borrower-links}) and the
 * link page: the link's token is the credential; it shows the application prefilled with what the CRM sent
 * (nothing more) and completes it once.
 */
@Component
public class LinkCompletion {

  private static final Logger log = LoggerFactory.getLogger(LinkCompletion.class);

  /** The invitation's details, prefilled on the borrower's page. */
  public record Invitation(String applicationId, String firstName, String lastName, String email, String phone,
      String jobId, String jobDescription, BigDecimal estimateAmount, String currency, String partner,
      Instant expiresAt) {
  }

  /** The application completed: whose it is, to sign the borrower in. */
  public record Completed(String applicationId, String borrowerId) {
  }

  private final BorrowerLinks links;
  private final ApplicantStore applicants;
  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  LinkCompletion(BorrowerLinks links, ApplicantStore applicants, TransactionTemplate tx, JdbcClient jdbc,
      ObjectProvider<WorkflowClient> temporal) {
    this.links = links;
    this.applicants = applicants;
    this.tx = tx;
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** What the partner already told us about the link's application; refused when the link cannot be used. */
  public Invitation invitation(String token) {
    BorrowerLinks.Link link = usable(token);
    return jdbc.sql("""
            select a.first_name, a.last_name, a.email, a.phone, j.job_id, j.job_description, j.estimate_amount,
                   j.currency, p.name
              from applications ap join applicants a on a.id = ap.applicant_id
              join partner_jobs j on j.application_id = ap.id join partners p on p.id = j.partner_id
             where ap.id = ?""")
        .param(UUID.fromString(link.applicationId()))
        .query((rs, n) -> new Invitation(link.applicationId(), rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
            link.expiresAt()))
        .single();
  }

  /**
   * Completes the link's application with what only the borrower can give and wakes its workflow. The link
   * is consumed in the same transaction as the completion: a second submission, or a race, is refused.
   */
  public Completed complete(String token, ApplicantStore.Completion completion) {
    BorrowerLinks.Link link = usable(token);
    String borrowerId = jdbc.sql("select borrower_id from applications where id = ?")
        .param(UUID.fromString(link.applicationId())).query(String.class).single();
    tx.executeWithoutResult(status -> {
      if (!links.consume(token)) {
        throw refused(links.find(token).orElseThrow());
      }
      applicants.completeInvited(link.applicationId(), completion, borrowerId);
    });
    try {
      temporal.getObject().newWorkflowStub(LoanApplicationWorkflow.class,
          WorkflowIds.application(link.applicationId())).borrowerSubmitted();
    } catch (RuntimeException e) {
      // The submission is committed; the workflow checks the store when the link's wait ends.
      log.warn("signal to application {} failed; the workflow will find the submission itself",
          link.applicationId());
    }
    return new Completed(link.applicationId(), borrowerId);
  }

  private BorrowerLinks.Link usable(String token) {
    BorrowerLinks.Link link = links.find(token)
        .orElseThrow(() -> Refused.notFound("borrower link"));
    if (link.usedAt() != null || link.expired(Instant.now())) {
      throw refused(link);
    }
    return link;
  }

  /** A used link is a conflict, an expired one gone. */
  private static Refused refused(BorrowerLinks.Link link) {
    return link.usedAt() != null ? Refused.conflict("this link was already used")
        : Refused.gone("this link expired at " + link.expiresAt());
  }
}
