package dev.tranche.api.partner;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.partner.BorrowerLinks;
import dev.tranche.activities.partner.PartnerJob;
import dev.tranche.activities.partner.PartnerJobRepository;
import dev.tranche.activities.partner.PartnerProperties;
import dev.tranche.api.application.ApplicationService;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import dev.tranche.partner.PartnerRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A partner's financing request becomes an application in {@code INVITED} with a one-time link,
 * all in one transaction; then its workflow starts (idempotent by application id), texts the link
 * and waits for the borrower.
 */
@Service
class PartnerService {

  /** The invitation as the partner sees it. */
  record Invitation(String applicationId, Instant linkExpiresAt, boolean created) {
  }

  private final ApplicantStore applicants;
  private final BorrowerLinks links;
  private final Idempotency idempotency;
  private final TransactionTemplate tx;
  private final PartnerJobRepository jobs;
  private final JdbcAggregateTemplate aggregates;
  private final ApplicationService applications;
  private final PartnerProperties properties;

  PartnerService(ApplicantStore applicants, BorrowerLinks links, Idempotency idempotency, TransactionTemplate tx,
      PartnerJobRepository jobs, JdbcAggregateTemplate aggregates, ApplicationService applications,
      PartnerProperties properties) {
    this.applicants = applicants;
    this.links = links;
    this.idempotency = idempotency;
    this.tx = tx;
    this.jobs = jobs;
    this.aggregates = aggregates;
    this.applications = applications;
    this.properties = properties;
  }

  Invitation invite(String partnerId, FinancingOfferRequest r, String idempotencyKey, String requestHash) {
    String applicationId = UUID.randomUUID().toString();
    Instant expires = Instant.now().plus(properties.linkValidity(), ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    String borrowerId = borrowerId(partnerId, r.crmCustomerId());
    Optional<String> earlier = tx.execute(status -> {
      if (idempotencyKey != null) {
        Optional<String> repeat = idempotency.claim("partner:" + partnerId, idempotencyKey, requestHash, applicationId);
        if (repeat.isPresent()) {
          return repeat;
        }
      }
      jobs.findByPartnerIdAndJobId(partnerId, r.job().id()).ifPresent(existing -> {
        throw ApiProblem.conflict("job " + r.job().id() + " already has application " + existing.applicationId());
      });
      applicants.createInvited(applicationId, borrowerId, r.customer().firstName(), r.customer().lastName(),
          r.customer().email(), r.customer().phone(), r.job().estimate().amount(), r.job().estimate().currency(),
          "job " + r.job().id() + ": " + r.job().description(), "partner:" + partnerId);
      aggregates.insert(new PartnerJob(UUID.fromString(applicationId), partnerId, r.crmCustomerId(), r.job().id(),
          r.job().description(), r.job().estimate().amount(), r.job().estimate().currency()));
      links.mint(applicationId, expires);
      return Optional.empty();
    });
    String id = earlier.orElse(applicationId);
    Instant linkExpires = links.expiresAt(id).orElseThrow();
    // Starting is idempotent by workflow id, so a repeat also repairs a start lost to a crash.
    applications.startProcess(id, borrowerId, r.job().estimate().amount(), r.job().estimate().currency(),
        "job " + r.job().id(), new PartnerRef(partnerId, r.job().id(), linkExpires.toEpochMilli()));
    return new Invitation(id, linkExpires, earlier.isEmpty());
  }

  static String borrowerId(String partnerId, String crmCustomerId) {
    return "crm:" + partnerId + ":" + crmCustomerId;
  }
}
