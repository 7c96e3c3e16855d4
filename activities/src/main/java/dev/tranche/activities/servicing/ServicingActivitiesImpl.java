package dev.tranche.activities.servicing;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.PaymentRecords;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.pool.PoolLending;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.collections.CollectionLadder;
import dev.tranche.common.FailureType;
import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import dev.tranche.servicing.Allocation;
import dev.tranche.servicing.ChargeOff;
import dev.tranche.servicing.Debit;
import dev.tranche.servicing.DebitCheck;
import dev.tranche.servicing.DebitStatus;
import dev.tranche.servicing.FeeCharge;
import dev.tranche.servicing.InterestAccrual;
import dev.tranche.servicing.LoanAllocation;
import dev.tranche.servicing.LoanPostings;
import dev.tranche.servicing.LoanSnapshot;
import dev.tranche.servicing.LoanStatement;
import dev.tranche.servicing.LoanTerms;
import dev.tranche.servicing.PaymentSource;
import dev.tranche.servicing.Recovery;
import dev.tranche.servicing.ScheduleVersion;
import dev.tranche.servicing.ServicingActivities;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Servicing's postings, read model and payment rail. Each posting is one balanced transfer. */
@Component("servicingActivities")
class ServicingActivitiesImpl implements ServicingActivities {

  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;
  private final ProviderHttp rail;
  private final PoolLending pool;
  private final PaymentRecords records;

  /** The borrower's account the rail debits for a loan's autopay. */
  static String railAccount(String loanId) {
    return "acct-" + loanId;
  }

  ServicingActivitiesImpl(JdbcClient jdbc, Ledger ledger, AuditLog audit, ServicingProperties properties,
      PoolLending pool, PaymentRecords records) {
    this.jdbc = jdbc;
    this.pool = pool;
    this.records = records;
    this.ledger = ledger;
    this.audit = audit;
    this.rail = new ProviderHttp("payment-rail", FailureType.PROVIDER_REJECTED, properties.railUrl(), 2000, 8000);
  }

  @Override
  public LoanTerms terms(String loanId) {
    return jdbc.sql("""
            select l.application_id, l.currency, l.apr, l.monthly_payment, l.payment_reference, l.schedule_version,
                   a.region, exists (select 1 from collateral_requirements c where c.loan_id = l.id
                                       and c.status in ('DEPOSITED', 'LIQUIDATED')),
                   p.terms ->> 'lateFee', p.terms ->> 'returnedPaymentFee', (p.terms ->> 'chargeOffDays')::int,
                   p.terms -> 'collectionLadderDays' ->> 'friendly', p.terms -> 'collectionLadderDays' ->> 'warning',
                   p.terms -> 'collectionLadderDays' ->> 'final', p.terms -> 'collectionLadderDays' ->> 'lateFee',
                   p.terms -> 'collectionLadderDays' ->> 'liquidationWarning',
                   p.terms -> 'collectionLadderDays' ->> 'agency'
              from loans l join applications ap on ap.id = l.application_id
              join applicants a on a.id = ap.applicant_id
              join products p on p.code = l.product_code and p.version = l.product_version where l.id = ?""")
        .param(UUID.fromString(loanId))
        .query((rs, n) -> new LoanTerms(loanId, rs.getString(1), TimeZones.forRegion(rs.getString(7)),
            Money.of(rs.getBigDecimal(4), rs.getString(2)), rs.getBigDecimal(3), true, railAccount(loanId),
            rs.getString(5), rs.getBoolean(8), rs.getInt(6), fee(rs.getString(9), rs.getString(2)),
            fee(rs.getString(10), rs.getString(2)), ladder(rs, 12), (Integer) rs.getObject(11)))
        .optional()
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("no loan " + loanId, FailureType.NOT_FOUND.name()));
  }

  /** A fee as the product states it, or null when it states none (the 1.0 fee then applies). */
  private static Money fee(String amount, String currency) {
    return amount == null ? null : Money.of(new BigDecimal(amount), currency);
  }

  /**
   * The product's collection ladder (columns {@code from}..{@code from + 5}: friendly, warning, final, late fee,
   * liquidation warning, agency), or null when the product has none; a missing liquidation warning is day 21
   * (or the late-fee day, if later).
   */
  private static CollectionLadder ladder(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
    if (rs.getString(from) == null) {
      return null;
    }
    int lateFee = Integer.parseInt(rs.getString(from + 3));
    int handOff = Integer.parseInt(rs.getString(from + 5));
    String warning = rs.getString(from + 4);
    return new CollectionLadder(Integer.parseInt(rs.getString(from)), Integer.parseInt(rs.getString(from + 1)),
        Integer.parseInt(rs.getString(from + 2)), lateFee,
        warning != null ? Integer.parseInt(warning) : Math.min(handOff, Math.max(lateFee, 21)), handOff);
  }

  @Override
  @Transactional
  public void postAccrual(InterestAccrual accrual) {
    ledger.post(transfer(LoanPostings.accrual(accrual)));
  }

  @Override
  @Transactional
  public void postPayment(LoanAllocation payment) {
    LoanPostings.Posting posting = LoanPostings.payment(payment);
    ledger.post(transfer(posting));
    String loanId = payment.loanId();
    Allocation a = payment.allocation();
    // The pool funded it: its share goes back. Funded to a wallet: new money is recorded on chain (a credit
    // applied was recorded when it came in).
    pool.repaid(loanId, a, posting.key());
    if (PaymentSource.of(a.paymentReference()) != PaymentSource.CREDIT) {
      records.paymentBooked(loanId, a.amount(), posting.key());
    }
  }

  @Override
  @Transactional
  public void postReturn(LoanAllocation returned) {
    ledger.post(transfer(LoanPostings.paymentReturn(returned)));
    audit.record("system:servicing", "PAYMENT_RETURNED", "loan", returned.loanId(),
        Map.of("payment", returned.allocation().paymentReference()));
  }

  @Override
  @Transactional
  public void postFee(FeeCharge fee) {
    ledger.post(transfer(LoanPostings.fee(fee)));
  }

  @Override
  @Transactional
  public void postChargeOff(ChargeOff chargeOff) {
    LoanPostings.Posting posting = LoanPostings.chargeOff(chargeOff);
    if (posting == null) {
      return;
    }
    ledger.post(transfer(posting));
    String loanId = chargeOff.loanId();
    pool.chargedOff(loanId, chargeOff.before().principal());
    audit.record("system:servicing", "LOAN_CHARGED_OFF", "loan", loanId,
        Map.of("amount", posting.lines().getFirst().amount().toString()));
  }

  @Override
  @Transactional
  public void postRecovery(Recovery recovery) {
    ledger.post(transfer(LoanPostings.recovery(recovery)));
  }

  /** A servicing posting as a ledger transfer; each account's type follows from its code. */
  private static Transfer transfer(LoanPostings.Posting p) {
    return new Transfer(p.key(), p.kind(), p.loanId(), p.description(), p.lines().stream()
        .map(l -> l.debit() ? Leg.debit(l.account(), type(l.account()), l.amount())
            : Leg.credit(l.account(), type(l.account()), l.amount()))
        .toList());
  }

  private static AccountType type(String code) {
    if (code.startsWith("income:")) {
      return AccountType.INCOME;
    }
    if (code.startsWith("expense:")) {
      return AccountType.EXPENSE;
    }
    return code.startsWith("suspense:") || code.endsWith(":credit") ? AccountType.LIABILITY : AccountType.ASSET;
  }

  @Override
  public void recordSnapshot(LoanSnapshot snapshot) {
    LoanStatement s = snapshot.statement();
    jdbc.sql("""
            update loans set status = ?, principal_outstanding = ?, interest_due = ?, fees_due = ?, penalties_due = ?,
                   past_due = ?, credit = ?, days_past_due = ?, bucket = ?, next_due_date = ?, schedule_version = ?,
                   snapshot = ?::jsonb, snapshot_at = now(), snapshot_revision = ?
             where id = ? and snapshot_revision < ?""")
        .params(s.status().name(), s.principal().amount(), s.interestDue().amount(), s.feesDue().amount(),
            s.penaltiesDue().amount(), s.pastDue().amount(), s.credit().amount(), (int) s.daysPastDue(), s.bucket(),
            s.nextDueDate() == null ? null : Date.valueOf(s.nextDueDate()), s.scheduleVersion(),
            Json.write(snapshot.state()), snapshot.state().snapshotRevision(), UUID.fromString(s.loanId()),
            snapshot.state().snapshotRevision())
        .update();
  }

  @Override
  @Transactional
  public void storeSchedule(ScheduleVersion schedule) {
    String loanId = schedule.loanId();
    int version = schedule.version();
    List<Installment> installments = schedule.installments();
    String reason = schedule.reason();
    String approvedBy = schedule.approvedBy();
    for (Installment i : installments) {
      jdbc.sql("""
              insert into installments (loan_id, schedule_version, number, due_date, principal, interest, total,
                balance_after, reason, approved_by)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
          .params(UUID.fromString(loanId), version, i.number(), Date.valueOf(i.dueDate()), i.principal().amount(),
              i.interest().amount(), i.total().amount(), i.balanceAfter().amount(), reason, approvedBy)
          .update();
    }
    // The loan's terms follow its current schedule (the earlier versions stay on record).
    jdbc.sql("update loans set term_months = ?, monthly_payment = ? where id = ?")
        .params(installments.getLast().number(), installments.getFirst().total().amount(), UUID.fromString(loanId))
        .update();
    audit.record(approvedBy, "LOAN_RESCHEDULED", "loan", loanId, Map.of("scheduleVersion", version, "reason", reason,
        "installments", installments.size()));
  }

  @Override
  public Debit initiateDebit(Debit d) {
    try {
      JsonNode answer = rail.post("/rails/v1/debits", Map.of("account", d.account(),
          "amount", d.amount().amount().toPlainString(), "currency", d.amount().currency().getCurrencyCode(),
          "effectiveDate", d.effectiveDate().toString()), Map.of("Idempotency-Key", d.idempotencyKey()), null);
      return d.with(answer.path("debitId").asString(), DebitStatus.valueOf(answer.path("status").asString()), null);
    } catch (ApplicationFailure refused) {
      return d.with(null, DebitStatus.REJECTED, refused.getOriginalMessage());
    }
  }

  @Override
  public Debit debitStatus(DebitCheck check) {
    Debit d = check.debit();
    LocalDate asOf = check.asOf();
    JsonNode answer = rail.get("/rails/v1/debits/" + d.debitId() + "?asOf=" + asOf, FailureType.NOT_FOUND);
    return d.with(d.debitId(), DebitStatus.valueOf(answer.path("status").asString()),
        answer.path("returnCode").asString(null));
  }
}
