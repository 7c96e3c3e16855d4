package dev.tranche.activities.servicing;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.money.Installment;
import dev.tranche.offer.Offer;
import dev.tranche.servicing.FundedLoan;
import dev.tranche.servicing.LoanActivities;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.tranche.common.SearchAttributes;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.PaymentReferences;
import dev.tranche.servicing.ServicingState;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component("loanActivities")
class LoanActivitiesImpl implements LoanActivities {

  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;

  private final ObjectProvider<WorkflowClient> temporal;

  LoanActivitiesImpl(JdbcClient jdbc, Ledger ledger, AuditLog audit, ObjectProvider<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.audit = audit;
    this.temporal = temporal;
  }

  @Override
  public void startServicing(ServicingState state) {
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.loan(state.loanId()))
        .setTaskQueue(TaskQueues.SERVICING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.BUSINESS_ID, state.loanId()).build())
        .build();
    try {
      WorkflowClient.start(temporal.getObject().newWorkflowStub(LoanServicingWorkflow.class, options)::service, state);
    } catch (WorkflowExecutionAlreadyStarted started) {
      // Started by an earlier attempt of this activity: the loan id is the business key.
    }
  }

  @Override
  @Transactional
  public void bookFundedLoan(FundedLoan loan) {
    Offer offer = loan.offer();
    UUID loanId = UUID.fromString(loan.loanId());
    // The loan keeps the product version current when it is made (collateralised when its application is).
    String product = jdbc.sql("""
            select case when collateral is null then 'INSTALLMENT_LOAN' else 'COLLATERALISED_INSTALLMENT_LOAN' end
              from applications where id = ?""")
        .param(UUID.fromString(loan.applicationId())).query(String.class).optional().orElse("INSTALLMENT_LOAN");
    int inserted = jdbc.sql("""
            insert into loans (id, application_id, borrower_id, lender, lender_loan_id, principal, currency, apr,
              term_months, monthly_payment, origination_fee, status, funded_at, payment_reference,
              principal_outstanding, next_due_date, product_code, product_version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?,
              (select max(version) from products where code = ?)) on conflict (id) do nothing""")
        .params(loanId, UUID.fromString(loan.applicationId()), loan.borrowerId(), loan.lender(), loan.lenderLoanId(),
            offer.principal().amount(), offer.principal().currency().getCurrencyCode(), offer.apr(),
            offer.termMonths(), offer.monthlyPayment().amount(), offer.originationFee().amount(),
            Timestamp.from(Instant.ofEpochMilli(loan.fundedAtMillis())), PaymentReferences.of(loan.loanId()),
            offer.principal().amount(), Date.valueOf(loan.schedule().getFirst().dueDate()), product, product)
        .update();
    if (inserted == 0) {
      return;
    }
    for (Installment i : loan.schedule()) {
      jdbc.sql("""
              insert into installments (loan_id, number, due_date, principal, interest, total, balance_after)
              values (?, ?, ?, ?, ?, ?, ?)""")
          .params(loanId, i.number(), Date.valueOf(i.dueDate()), i.principal().amount(), i.interest().amount(),
              i.total().amount(), i.balanceAfter().amount())
          .update();
    }
    ledger.post(disbursement(loan));
    jdbc.sql("update applications set loan_id = ?, updated_at = now() where id = ?")
        .params(loanId, UUID.fromString(loan.applicationId())).update();
    audit.record("system:servicing", "LOAN_BOOKED", "loan", loan.loanId(),
        Map.of("applicationId", loan.applicationId(), "installments", loan.schedule().size()));
  }

  /**
   * The loan's principal becomes a receivable; the lender funded the borrower's net proceeds and the
   * origination fee is earned.
   */
  static Transfer disbursement(FundedLoan loan) {
    Offer offer = loan.offer();
    List<Leg> legs = new ArrayList<>();
    legs.add(Leg.debit("loan:" + loan.loanId() + ":principal", AccountType.ASSET, offer.principal()));
    legs.add(Leg.credit("lender:" + loan.lender() + ":funding", AccountType.LIABILITY, loan.netProceeds()));
    if (offer.originationFee().positive()) {
      legs.add(Leg.credit("income:origination-fees", AccountType.INCOME, offer.originationFee()));
    }
    return new Transfer("disbursement:" + loan.loanId(), "DISBURSEMENT", loan.loanId(),
        "disbursement of loan " + loan.loanId(), legs);
  }
}
