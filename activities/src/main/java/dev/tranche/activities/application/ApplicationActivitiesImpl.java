package dev.tranche.activities.application;

import dev.tranche.activities.support.Json;
import dev.tranche.application.ApplicationActivities;
import dev.tranche.decision.AdverseActionNotice;
import dev.tranche.application.DecisionRecord;
import dev.tranche.application.OfferSet;
import dev.tranche.application.SignatureRecord;
import dev.tranche.application.StatusChange;
import dev.tranche.common.WorkflowIds;
import dev.tranche.offer.Offer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component("applicationActivities")
class ApplicationActivitiesImpl implements ApplicationActivities {

  private final JdbcClient jdbc;
  private final Timer timeToDecision;

  ApplicationActivitiesImpl(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.timeToDecision = Timer.builder("tranche.decision.time")
        .description("From an application's submission to its decision (policy or underwriter), recorded once")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofDays(7)).register(meters);
  }

  @Override
  @Transactional
  public void markStatus(StatusChange change) {
    jdbc.sql("""
            insert into workflow_runs (workflow_id, workflow_type, business_id, status)
            values (?, 'LoanApplicationWorkflow', ?, ?)
            on conflict (workflow_id) do update set status = excluded.status, updated_at = now()""")
        .params(WorkflowIds.application(change.applicationId()), change.applicationId(), change.status().name())
        .update();
    jdbc.sql("""
            update applications set status = ?, reason_codes = ?::jsonb, loan_id = coalesce(?, loan_id),
                   updated_at = now()
             where id = ?""")
        .params(change.status().name(), Json.write(change.reasonCodes()),
            change.loanId() == null ? null : UUID.fromString(change.loanId()), UUID.fromString(change.applicationId()))
        .update();
  }

  @Override
  public void recordDecision(DecisionRecord record) {
    var d = record.decision();
    int inserted = jdbc.sql("""
            insert into decisions (application_id, decided_by, outcome, score, tier, policy_version, rule_hits,
              reason_codes, facts, notes)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
            on conflict (application_id, decided_by) do nothing""")
        .params(UUID.fromString(record.applicationId()), record.decidedBy(), d.outcome().name(), d.score(),
            d.tier().name(), d.policyVersion(), Json.write(d.hits()), Json.write(d.reasonCodes()),
            Json.write(record.facts()), record.notes())
        .update();
    if (inserted == 1) {
      jdbc.sql("select created_at from applications where id = ?").param(UUID.fromString(record.applicationId()))
          .query(Timestamp.class).optional()
          .ifPresent(at -> timeToDecision.record(Duration.between(at.toInstant(), Instant.now())));
    }
  }

  @Override
  @Transactional
  public void saveOffers(OfferSet set) {
    for (Offer o : set.offers()) {
      jdbc.sql("""
              insert into offers (application_id, offer_id, tier, lender, principal, currency, term_months, apr,
                monthly_payment, origination_fee, total_of_payments, expires_at, quote_id, reg_z_apr, finance_charge,
                amount_financed, disclosure, conditions)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
              on conflict (application_id, offer_id) do nothing""")
          .params(UUID.fromString(set.applicationId()), o.offerId(), o.tier().name(), o.lender(),
              o.principal().amount(), o.principal().currency().getCurrencyCode(), o.termMonths(), o.apr(),
              o.monthlyPayment().amount(), o.originationFee().amount(), o.totalOfPayments().amount(),
              Timestamp.from(Instant.ofEpochMilli(o.expiresAtMillis())), o.quoteId(),
              o.disclosure() == null ? null : o.disclosure().apr(),
              o.disclosure() == null ? null : o.disclosure().financeCharge().amount(),
              o.disclosure() == null ? null : o.disclosure().amountFinanced().amount(),
              o.disclosure() == null ? null : Json.write(o.disclosure()), Json.write(o.conditions()))
          .update();
    }
  }

  @Override
  public void recordAdverseAction(AdverseActionNotice n) {
    jdbc.sql("""
            insert into adverse_action_notices (application_id, decided_by, principal_reasons, credit_score,
              score_range_low, score_range_high, notice_text)
            values (?, ?, ?::jsonb, ?, ?, ?, ?)
            on conflict (application_id) do nothing""")
        .params(UUID.fromString(n.applicationId()), n.decidedBy(), Json.write(n.principalReasons()), n.creditScore(),
            n.scoreRangeLow(), n.scoreRangeHigh(), n.text())
        .update();
  }

  @Override
  public void recordSignature(SignatureRecord s) {
    jdbc.sql("""
            insert into signatures (application_id, offer_id, signer, signature_name, signed_at, ip_address,
              user_agent, agreement_sha256)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (application_id) do nothing""")
        .params(UUID.fromString(s.applicationId()), s.offerId(), s.signer(), s.signatureName(),
            Timestamp.from(Instant.ofEpochMilli(s.signedAtMillis())), s.ipAddress(), s.userAgent(),
            s.agreementSha256())
        .update();
  }
}
