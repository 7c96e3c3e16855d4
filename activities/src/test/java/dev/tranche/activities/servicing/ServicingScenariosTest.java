package dev.tranche.activities.servicing;

import dev.tranche.activities.collections.SweepActivitiesImpl;
import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.collections.CollectionOutcome;
import dev.tranche.collections.CollectionWorkflow;
import dev.tranche.collections.CollectionsSweepWorkflow;
import dev.tranche.collections.SweepReport;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.servicing.LoanStatement;
import dev.tranche.servicing.PaymentReceived;
import dev.tranche.servicing.PayoffQuote;
import dev.tranche.servicing.RescheduleRequest;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seven acceptance scenarios, each ending with the ledger checked to the cent. */
class ServicingScenariosTest extends ServicingScenario {

  private static final ZoneId AUSTIN = ZoneId.of("America/Chicago");

  private void sleepUntil(LocalDate date, int hourUtc) {
    long target = LocalDates.startOfDayMillis(date) + hourUtc * 3_600_000L;
    env.sleep(Duration.ofMillis(Math.max(1, target - env.currentTimeMillis())));
  }

  private static BigDecimal interestOf(List<Installment> schedule) {
    return schedule.stream().map(i -> i.interest().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal totalOf(List<Installment> schedule) {
    return schedule.stream().map(i -> i.total().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void a_12_month_loan_paid_on_time_by_autopay() throws Exception {
    Booked b = book("12000.00", "8.99", 12);
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);

    assertThat(jdbc.sql("select status from loans where id = ?::uuid").param(b.loanId()).query(String.class).single())
        .isEqualTo("PAID");
    assertThat(jdbc.sql("select product_code || ' v' || product_version from loans where id = ?::uuid")
        .param(b.loanId()).query(String.class).single()).isEqualTo("INSTALLMENT_LOAN v1");
    assertThat(transfers(b.loanId(), "PAYMENT")).isEqualTo(12);
    assertThat(transfers(b.loanId(), "PAYMENT_RETURN")).isZero();
    assertThat(net(b.loanId(), LoanAccounts.CASH)).isEqualByComparingTo(totalOf(b.schedule()));
    assertThat(net(b.loanId(), LoanAccounts.INTEREST_INCOME)).isEqualByComparingTo(interestOf(b.schedule()).negate());
    assertThat(net(b.loanId(), LoanAccounts.principal(b.loanId()))).isEqualByComparingTo("0.00");
    assertLedgerMatches(b.loanId(), lastStatement(b.loanId()));
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");
    assertThat(texts(b.applicationId())).filteredOn(t -> t.startsWith("payment-reminder")).hasSize(24);
    recordHistory(WorkflowIds.loan(b.loanId()), "servicing-last-run-paid");
  }

  @Test
  void a_returned_payment_is_reversed_and_an_external_payment_on_day_9_cures_it() throws Exception {
    Booked b = book("12000.00", "8.99", 12);
    scriptRail(b.loanId(), "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(9), 17);

    LoanStatement late = b.workflow().statement();
    Money owed = b.schedule().getFirst().total().plus(Money.of("15.00", "USD"));
    assertThat(late.pastDue()).isEqualTo(owed);
    assertThat(late.oldestDueDate()).isEqualTo(due);
    CollectionWorkflow collection = client.newWorkflowStub(CollectionWorkflow.class,
        WorkflowIds.collection(b.loanId(), 1));
    assertThat(collection.stages()).containsExactly("collection-friendly", "collection-warning");

    b.workflow().paymentReceived(new PaymentReceived("bank-transfer-1", owed, env.currentTimeMillis()));
    CollectionOutcome outcome = WorkflowStub.fromTyped(collection).getResult(CollectionOutcome.class);
    assertThat(outcome.outcome()).isEqualTo("CURED");
    LoanStatement cured = b.workflow().statement();
    assertThat(cured.pastDue().amount()).isEqualByComparingTo("0.00");
    assertThat(cured.oldestDueDate()).isNull();
    assertThat(cured.daysPastDue()).isZero();

    assertThat(transfers(b.loanId(), "PAYMENT_RETURN")).isEqualTo(1);
    assertThat(net(b.loanId(), LoanAccounts.FEE_INCOME)).isEqualByComparingTo("-15.00");
    assertThat(transfers(b.loanId(), "LATE_FEE")).isZero();
    BigDecimal principalPaid = b.schedule().getFirst().principal().amount();
    assertThat(net(b.loanId(), LoanAccounts.principal(b.loanId())))
        .isEqualByComparingTo(new BigDecimal("12000.00").subtract(principalPaid));
    assertLedgerMatches(b.loanId(), cured);
    assertThat(texts(b.applicationId())).contains("payment-returned", "collection-friendly", "collection-warning");
    assertTextsInContactHours(b.applicationId());
    recordHistory(WorkflowIds.collection(b.loanId(), 1), "collection-cured");
  }

  @Test
  void a_partner_loans_partner_hears_of_the_repayment_due_missed_received_and_the_collection() throws Exception {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    partners.create(new PartnerDirectory.NewPartner(partnerId, "Acme", SANDBOX.baseUrl(), "crm-api-token-123",
        SANDBOX.baseUrl() + "/crm/v1/webhooks/tranche", "dev-partner-webhook-secret"), "test");
    Booked b = book("6000.00", "12.99", 12, (loanId, applicationId) -> jdbc.sql("""
            insert into partner_jobs (application_id, partner_id, crm_customer_id, job_id, job_description,
                estimate_amount, currency) values (?::uuid, ?, 'CUST-1', ?, 'roof repair', 6000.00, 'USD')""")
        .params(applicationId, partnerId, "JOB-" + loanId).update());
    scriptRail(b.loanId(), "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(5), 17);
    b.workflow().paymentReceived(new PaymentReceived("bank-transfer-p1", Money.of("100.00", "USD"),
        env.currentTimeMillis()));
    env.sleep(Duration.ofHours(1));

    String events = "partner-event-evt_" + b.loanId() + "_";
    for (String event : List.of("repayment.due_installment-1", "repayment.missed_installment-1",
        "collection.initiated_installment-1", "repayment.received_bank-transfer-p1")) {
      client.newUntypedWorkflowStub(events + event).getResult(Void.class);
    }
    // Delivered, signed, to the CRM's receiver, once each.
    assertThat(jdbc.sql("""
            select type from partner_events where application_id = ?::uuid and delivered_at is not null
             order by type""")
        .param(b.applicationId()).query(String.class).list())
        .containsExactly("collection.initiated", "repayment.due", "repayment.missed", "repayment.received");

    // A loan that did not come from a partner tells nobody.
    Booked direct = book("6000.00", "12.99", 12);
    direct.workflow().paymentReceived(new PaymentReceived("bank-transfer-d1", Money.of("10.00", "USD"),
        env.currentTimeMillis()));
    env.sleep(Duration.ofHours(1));
    assertThat(jdbc.sql("select count(*) from partner_events where application_id = ?::uuid")
        .param(direct.applicationId()).query(Long.class).single()).isZero();
  }

  @Test
  void a_loan_is_charged_the_fees_of_the_product_version_it_was_made_under() throws Exception {
    jdbc.sql("""
            insert into products (code, version, name, kind, terms) values ('FEES_TEST_LOAN', 1, 'Test loan',
              'INSTALLMENT_LOAN', '{"currency":"USD","lateFee":"30.00","returnedPaymentFee":"20.00"}')
            on conflict do nothing""").update();
    Booked b = book("6000.00", "12.99", 12, (loanId, applicationId) -> jdbc.sql(
        "update loans set product_code = 'FEES_TEST_LOAN', product_version = 1 where id = ?::uuid")
        .param(loanId).update());
    scriptRail(b.loanId(), "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(15), 17);
    assertThat(net(b.loanId(), LoanAccounts.FEE_INCOME)).isEqualByComparingTo("-20.00");
    assertThat(net(b.loanId(), LoanAccounts.LATE_FEE_INCOME)).isEqualByComparingTo("-30.00");
    assertLedgerMatches(b.loanId(), b.workflow().statement());
  }

  @Test
  void a_loan_walks_the_ladder_and_charges_off_on_the_days_of_its_product() throws Exception {
    jdbc.sql("""
            insert into products (code, version, name, kind, terms) values ('LADDER_TEST_LOAN', 1, 'Test loan',
              'INSTALLMENT_LOAN', '{"currency":"USD","chargeOffDays":45,
              "collectionLadderDays":{"friendly":2,"warning":4,"final":6,"lateFee":8,"agency":12}}')
            on conflict do nothing""").update();
    Booked b = book("6000.00", "12.99", 12, (loanId, applicationId) -> jdbc.sql(
        "update loans set product_code = 'LADDER_TEST_LOAN', product_version = 1 where id = ?::uuid")
        .param(loanId).update());
    scriptRail(b.loanId(), "RETURN:R01", "RETURN:R01", "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(44), 12);
    assertThat(b.workflow().statement().status()).isNotEqualTo(dev.tranche.servicing.LoanStatus.CHARGED_OFF);
    CollectionOutcome first = WorkflowStub.fromTyped(client.newWorkflowStub(CollectionWorkflow.class,
        WorkflowIds.collection(b.loanId(), 1))).getResult(CollectionOutcome.class);
    assertThat(first.outcome()).isEqualTo("HANDED_TO_AGENCY");
    // Each stage on its product day (local midnight in the borrower's zone is that UTC date or the next).
    Map<String, LocalDate> reached = new java.util.HashMap<>();
    jdbc.sql("select stage, min(business_at) from collection_events where loan_id = ?::uuid and installment = 1"
            + " group by stage")
        .param(b.loanId())
        .query(rs -> {
          reached.put(rs.getString(1), rs.getTimestamp(2).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        });
    assertThat(reached.get("LATE_FEE")).isBetween(due.plusDays(8), due.plusDays(9));
    assertThat(reached.get("HANDED_TO_AGENCY")).isBetween(due.plusDays(12), due.plusDays(13));
    sleepUntil(due.plusDays(46), 12);
    assertThat(b.workflow().statement().status()).isEqualTo(dev.tranche.servicing.LoanStatus.CHARGED_OFF);
    assertLedgerMatches(b.loanId(), b.workflow().statement());
  }

  @Test
  void a_default_walks_down_the_ladder_to_charge_off_and_a_later_recovery_is_posted() throws Exception {
    Booked b = book("6000.00", "12.99", 12);
    scriptRail(b.loanId(), "RETURN:R01", "RETURN:R01", "RETURN:R01", "RETURN:R01", "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(121), 12);

    LoanStatement off = b.workflow().statement();
    assertThat(off.status()).isEqualTo(dev.tranche.servicing.LoanStatus.CHARGED_OFF);
    CollectionOutcome first = WorkflowStub.fromTyped(client.newWorkflowStub(CollectionWorkflow.class,
        WorkflowIds.collection(b.loanId(), 1))).getResult(CollectionOutcome.class);
    assertThat(first.outcome()).isEqualTo("HANDED_TO_AGENCY");
    assertThat(first.stages()).containsSubsequence("collection-friendly", "collection-warning", "collection-final",
        "LATE_FEE").anySatisfy(s -> assertThat(s).startsWith("AGENCY:AG-"));
    assertThat(texts(b.applicationId())).contains("collection-friendly", "collection-warning", "collection-final",
        "collection-agency");
    assertTextsInContactHours(b.applicationId());

    long lateFees = transfers(b.loanId(), "LATE_FEE");
    long returns = transfers(b.loanId(), "PAYMENT_RETURN");
    assertThat(lateFees).isBetween(1L, 5L);
    assertThat(net(b.loanId(), LoanAccounts.LATE_FEE_INCOME))
        .isEqualByComparingTo(new BigDecimal("-25.00").multiply(BigDecimal.valueOf(lateFees)));
    BigDecimal accrued = net(b.loanId(), LoanAccounts.INTEREST_INCOME).negate();
    BigDecimal expected = new BigDecimal("6000.00").add(accrued).add(new BigDecimal("15.00")
        .multiply(BigDecimal.valueOf(returns))).add(new BigDecimal("25.00").multiply(BigDecimal.valueOf(lateFees)));
    assertThat(net(b.loanId(), LoanAccounts.CHARGE_OFFS)).isEqualByComparingTo(expected);
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");

    b.workflow().paymentReceived(new PaymentReceived("recovery-1", Money.of("250.00", "USD"), env.currentTimeMillis()));
    env.sleep(Duration.ofHours(1));
    assertThat(net(b.loanId(), LoanAccounts.RECOVERIES)).isEqualByComparingTo("-250.00");
    assertLedgerMatches(b.loanId(), b.workflow().statement());
  }

  @Test
  void an_overpayment_shortens_the_term_and_an_early_payoff_in_month_5_closes_the_loan() {
    Booked over = book("12000.00", "8.99", 12);
    sleepUntil(over.schedule().getFirst().dueDate().plusDays(6), 12);
    over.workflow().paymentReceived(new PaymentReceived("extra-1", Money.of("4000.00", "USD"),
        env.currentTimeMillis()));
    WorkflowStub.fromTyped(over.workflow()).getResult(Void.class);
    long installments = transfers(over.loanId(), "INTEREST_ACCRUAL");
    assertThat(installments).as("the level payment stays, the term shortens").isLessThan(12).isGreaterThan(6);
    assertThat(ledgerBalance(over.loanId())).isEqualByComparingTo("0.00");
    assertThat(net(over.loanId(), LoanAccounts.INTEREST_INCOME).negate())
        .as("less interest than the full schedule").isLessThan(interestOf(over.schedule()));

    Booked payoff = book("12000.00", "8.99", 12);
    sleepUntil(payoff.schedule().get(3).dueDate().plusDays(6), 12);
    LocalDate validOn = LocalDates.utcDate(env.currentTimeMillis()).plusDays(3);
    PayoffQuote quote = payoff.workflow().payoffQuote(validOn);
    assertThatThrownBy(() -> payoff.workflow().payoffQuote(validOn.plusDays(60)))
        .isInstanceOf(WorkflowUpdateException.class);
    sleepUntil(validOn, 15);
    payoff.workflow().paymentReceived(new PaymentReceived("payoff-1", quote.amount(), env.currentTimeMillis()));
    WorkflowStub.fromTyped(payoff.workflow()).getResult(Void.class);
    assertThat(transfers(payoff.loanId(), "INTEREST_ACCRUAL")).isEqualTo(5);
    BigDecimal principalLeft = new BigDecimal("12000.00");
    for (int i = 0; i < 4; i++) {
      principalLeft = principalLeft.subtract(payoff.schedule().get(i).principal().amount());
    }
    assertThat(quote.principal().amount()).isEqualByComparingTo(principalLeft);
    assertThat(ledgerBalance(payoff.loanId())).isEqualByComparingTo("0.00");
    assertThat(net(payoff.loanId(), LoanAccounts.credit(payoff.loanId()))).isEqualByComparingTo("0.00");
    assertLedgerMatches(payoff.loanId(), lastStatement(payoff.loanId()));
  }

  @Test
  void a_hardship_reschedule_in_month_3_then_on_time_to_the_end() {
    Booked b = book("12000.00", "8.99", 12);
    sleepUntil(b.schedule().get(1).dueDate().plusDays(7), 12);
    assertThatThrownBy(() -> b.workflow().reschedule(new RescheduleRequest(18, "hardship", "uw-1",
        List.of("UNDERWRITER")))).isInstanceOf(WorkflowUpdateException.class);
    LoanStatement rescheduled = b.workflow().reschedule(new RescheduleRequest(18, "hardship: reduced hours", "ops-1",
        List.of("OPS")));
    assertThat(rescheduled.scheduleVersion()).isEqualTo(2);
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);

    assertThat(transfers(b.loanId(), "INTEREST_ACCRUAL")).isEqualTo(20);
    assertThat(jdbc.sql("select count(*) from installments where loan_id = ?::uuid and schedule_version = 2")
        .param(b.loanId()).query(Long.class).single()).isEqualTo(18);
    assertThat(jdbc.sql("select count(*) from installments where loan_id = ?::uuid and schedule_version = 1")
        .param(b.loanId()).query(Long.class).single()).as("the old schedule is kept").isEqualTo(12);
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");
    assertThat(net(b.loanId(), LoanAccounts.principal(b.loanId()))).isEqualByComparingTo("0.00");
    assertLedgerMatches(b.loanId(), lastStatement(b.loanId()));
  }

  @Test
  void a_reschedule_while_the_due_installment_is_still_watched_skips_no_installment() {
    Booked b = book("12000.00", "8.99", 12);
    // Two days after installment 3 fell due: its autopay debit is still watched for a return.
    sleepUntil(b.schedule().get(2).dueDate().plusDays(2), 12);
    LoanStatement rescheduled = b.workflow().reschedule(new RescheduleRequest(18, "hardship: reduced hours", "ops-1",
        List.of("OPS")));
    assertThat(rescheduled.scheduleVersion()).isEqualTo(2);
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);

    assertThat(jdbc.sql("select min(number) from installments where loan_id = ?::uuid and schedule_version = 2")
        .param(b.loanId()).query(Integer.class).single()).as("installment 3 had fallen due").isEqualTo(4);
    assertThat(transfers(b.loanId(), "INTEREST_ACCRUAL")).as("3 old installments and 18 new").isEqualTo(21);
    assertThat(transfers(b.loanId(), "PAYMENT")).isEqualTo(21);
    var terms = jdbc.sql("""
            select l.term_months, l.monthly_payment = i.total from loans l
              join installments i on i.loan_id = l.id and i.schedule_version = 2 and i.number = 4
             where l.id = ?::uuid""").param(b.loanId())
        .query((rs, row) -> List.of(rs.getInt(1), rs.getBoolean(2))).single();
    assertThat(terms).as("the loan's term and payment follow the new schedule").containsExactly(21, true);
    assertThat(net(b.loanId(), LoanAccounts.principal(b.loanId()))).isEqualByComparingTo("0.00");
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");
    assertLedgerMatches(b.loanId(), lastStatement(b.loanId()));
  }

  @Test
  void data_postgresql_refuses_fails_the_reschedule_at_once_and_leaves_the_loan_as_it_was() {
    Booked b = book("6000.00", "8.99", 12);
    sleepUntil(b.schedule().get(0).dueDate().plusDays(10), 12);
    // Past the API's own refusal (a 400), a NUL reaches PostgreSQL: the update fails, it does not hang.
    assertThatThrownBy(() -> b.workflow().reschedule(new RescheduleRequest(6, "hardship\u0000", "ops-1",
        List.of("OPS")))).isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(dev.tranche.common.FailureType.is(e, dev.tranche.common.FailureType.DATA_REJECTED))
            .isTrue());
    assertThat(b.workflow().statement().scheduleVersion()).isEqualTo(1);
    LoanStatement clean = b.workflow().reschedule(new RescheduleRequest(6, "hardship", "ops-1", List.of("OPS")));
    assertThat(clean.scheduleVersion()).isEqualTo(2);
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);
    assertThat(transfers(b.loanId(), "INTEREST_ACCRUAL")).isEqualTo(7);
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");
    assertLedgerMatches(b.loanId(), lastStatement(b.loanId()));
  }

  @Test
  void an_older_snapshot_never_overwrites_a_newer_one() {
    Booked b = book("3000.00", "8.99", 12);
    LoanStatement statement = b.workflow().statement();
    long deadline = System.currentTimeMillis() + 10_000;
    while (jdbc.sql("select snapshot is null from loans where id = ?::uuid").param(b.loanId()).query(Boolean.class)
        .single() && System.currentTimeMillis() < deadline) {
      env.sleep(Duration.ofMillis(10));
    }
    String json = jdbc.sql("select snapshot::text from loans where id = ?::uuid").param(b.loanId())
        .query(String.class).single();
    dev.tranche.servicing.ServicingState stored = dev.tranche.activities.support.Json.read(json,
        dev.tranche.servicing.ServicingState.class);
    assertThat(stored.snapshotRevision()).isPositive();
    servicing.recordSnapshot(new dev.tranche.servicing.LoanSnapshot(statement, revision(stored, 100, java.time.LocalDate.of(2030, 1, 1))));
    // Landing late: an update handler's snapshot taken before the one above.
    servicing.recordSnapshot(new dev.tranche.servicing.LoanSnapshot(statement, revision(stored, 99, java.time.LocalDate.of(2031, 1, 1))));
    assertThat(jdbc.sql("select snapshot_revision from loans where id = ?::uuid").param(b.loanId())
        .query(Long.class).single()).isEqualTo(100);
    // Each write carries its own marker (the promise date): the newer one is what the row holds.
    assertThat(jdbc.sql("select snapshot->>'promisedUntil' from loans where id = ?::uuid").param(b.loanId())
        .query(String.class).single()).isEqualTo("2030-01-01");
  }

  private static dev.tranche.servicing.ServicingState revision(dev.tranche.servicing.ServicingState s, long revision,
      java.time.LocalDate marker) {
    return new dev.tranche.servicing.ServicingState(s.loanId(), s.schedule(), s.nextInstallment(),
        s.principalOutstanding(), s.unappliedPayments(), s.terms(), s.position(), s.appliedReferences(),
        s.openCollections(), marker, s.status(), s.lastDueDate(), s.pendingFees(), s.collateralDebt(), revision);
  }

  @Test
  void a_60_month_loan_keeps_each_run_small_and_a_signal_at_the_hand_off_is_applied() {
    Booked b = book("10000.00", "10.49", 60);
    int largest = 0;
    for (int month = 1; month <= 60; month++) {
      LocalDate due = b.schedule().get(month - 1).dueDate();
      if (month == 10) {
        // The run ends once the autopay watch is over: due date + 5 days. Signal exactly then.
        sleepUntil(due.plusDays(5), 0);
        b.workflow().paymentReceived(new PaymentReceived("hand-off-1", Money.of("100.00", "USD"),
            env.currentTimeMillis()));
      }
      // Just before the run hands over (due + 5 days): the run holds its whole installment by then.
      sleepUntil(due.plusDays(4), 23);
      largest = Math.max(largest, client.fetchHistory(WorkflowIds.loan(b.loanId())).getEvents().size());
    }
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);
    assertThat(largest).as("events in the largest run").isLessThan(2000);
    assertThat(jdbc.sql("select count(*) from ledger_transfers where idempotency_key = 'payment:hand-off-1'")
        .query(Long.class).single()).isEqualTo(1);
    assertThat(ledgerBalance(b.loanId())).isEqualByComparingTo("0.00");
    assertThat(transfers(b.loanId(), "INTEREST_ACCRUAL")).isLessThanOrEqualTo(60);
    System.out.printf("60-month loan: largest run %d events%n", largest);
  }

  @Test
  void the_sweep_for_a_business_date_does_its_work_once() throws Exception {
    Booked b = book("5000.00", "12.99", 12);
    scriptRail(b.loanId(), "REJECT");
    sleepUntil(b.schedule().getFirst().dueDate().plusDays(2), 12);
    String caseId = WorkflowIds.collection(b.loanId(), 1);
    assertThat(jdbc.sql("select count(*) from collection_cases where loan_id = ?::uuid").param(b.loanId())
        .query(Long.class).single()).isEqualTo(1);
    // Lose both workflows and the case record: the sweep must notice and repair.
    client.newUntypedWorkflowStub(caseId).terminate("test: lost");
    client.newUntypedWorkflowStub(WorkflowIds.loan(b.loanId())).terminate("test: lost");
    jdbc.sql("delete from collection_cases where loan_id = ?::uuid").param(b.loanId()).update();

    // Another active loan whose snapshot cannot be read must not stop the sweep for this one.
    String broken = UUID.randomUUID().toString();
    String brokenApplication = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into applications (id, applicant_id, borrower_id, requested_amount, currency, purpose,
                                  consent_credit_pull, consent_esign, status)
        select ?::uuid, applicant_id, borrower_id, requested_amount, currency, purpose, true, true, 'FUNDED'
          from applications where id = (select application_id from loans where id = ?::uuid)""")
        .params(brokenApplication, b.loanId()).update();
    jdbc.sql("""
        insert into loans (id, application_id, borrower_id, lender, lender_loan_id, principal, currency, apr,
                           term_months, monthly_payment, origination_fee, status, funded_at, snapshot)
        select ?::uuid, ?::uuid, borrower_id, lender, lender_loan_id || '-broken', principal, currency, apr,
               term_months, monthly_payment, origination_fee, 'ACTIVE', funded_at, '{"position": {"arrears": 5}}'
          from loans where id = ?::uuid""").params(broken, brokenApplication, b.loanId()).update();

    LocalDate today = LocalDates.utcDate(env.currentTimeMillis());
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.collectionsSweep(today))
        .setTaskQueue(TaskQueues.SERVICING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build();
    SweepReport report;
    try {
      report = client.newWorkflowStub(CollectionsSweepWorkflow.class, options).sweep(today);
    } finally {
      jdbc.sql("delete from delinquency_history where loan_id = ?::uuid").param(broken).update();
      jdbc.sql("delete from loans where id = ?::uuid").param(broken).update();
      jdbc.sql("delete from applications where id = ?::uuid").param(brokenApplication).update();
    }
    assertThat(report.casesOpened()).contains(caseId);
    assertThat(report.servicingRepaired()).contains(b.loanId());
    // Repaired once (counted here: the scheduled sweep below may fall on the next UTC date, when the time-skipping
    // server has run the restarted loan's timers past midnight, and then rightly repairs the loan lost again).
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'SERVICING_REPAIRED' and subject_id = ?")
        .param(b.loanId()).query(Long.class).single()).isEqualTo(1);
    // The sweep recorded the loan's delinquency for the date; against the month before, it rolled forward.
    assertThat(jdbc.sql("select bucket from delinquency_history where business_date = ? and loan_id = ?::uuid")
        .params(today, b.loanId()).query(String.class).single()).isEqualTo("1-29");
    jdbc.sql("insert into delinquency_history (business_date, loan_id, bucket, balance) values (?, ?::uuid, 'current', 5000)")
        .params(today.minusMonths(1), b.loanId()).update();
    var rolls = new Portfolio(jdbc, "USD").rollRates();
    assertThat(rolls).anySatisfy(r -> {
      assertThat(r.fromBucket()).isEqualTo("current");
      assertThat(r.toMonth()).isEqualTo(today.toString().substring(0, 7));
      assertThat(r.rolledForward()).isPositive();
    });
    recordHistory(WorkflowIds.collectionsSweep(today), "sweep-repaired");

    assertThatThrownBy(() -> WorkflowClient.start(client.newWorkflowStub(CollectionsSweepWorkflow.class,
        options)::sweep, today)).isInstanceOf(WorkflowExecutionAlreadyStarted.class);
    assertThat(jdbc.sql("select count(*) from collection_sweeps where business_date = ?").param(today)
        .query(Long.class).single()).isEqualTo(1);
    // Temporal forgot the closed id (a restart, or past retention): PostgreSQL still knows the date was swept.
    client.newUntypedWorkflowStub(WorkflowIds.loan(b.loanId())).terminate("test: lost again");
    SweepReport forgotten = client.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.collectionsSweep(today) + "-after-retention").setTaskQueue(TaskQueues.SERVICING)
        .build()).sweep(today);
    assertThat(forgotten.servicingRepaired()).isEmpty();
    assertThat(forgotten.casesOpened()).isEmpty();
    recordHistory(WorkflowIds.collectionsSweep(today) + "-after-retention", "sweep-already-swept");
    // A Temporal Schedule (compose) starts the sweep without a date: it sweeps its start's UTC date, once.
    SweepReport scheduled = client.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId("collections-sweep-scheduled").setTaskQueue(TaskQueues.SERVICING).build()).sweep(null);
    assertThat(scheduled.businessDate()).isEqualTo(LocalDates.utcDate(env.currentTimeMillis()));
    assertThat(jdbc.sql("select count(*) from collection_sweeps where business_date = ?")
        .param(scheduled.businessDate()).query(Long.class).single()).isEqualTo(1);
    // A Temporal that cannot be asked is not "no workflow running": the repair fails and restarts nothing.
    var unreachable = io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
        io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1")
            .setRpcTimeout(Duration.ofSeconds(2)).build());
    try {
      assertThatThrownBy(() -> new SweepActivitiesImpl(jdbc, audit, () -> WorkflowClient.newInstance(unreachable))
          .repairServicing()).isInstanceOf(io.grpc.StatusRuntimeException.class);
    } finally {
      unreachable.shutdownNow();
    }
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'SERVICING_REPAIRED' and subject_id = ?")
        .param(b.loanId()).query(Long.class).single()).isEqualTo(1);
    // The loan's own run is repaired once more by a later date's sweep.
    new SweepActivitiesImpl(jdbc, audit, () -> client).repairServicing();
    env.sleep(Duration.ofHours(1));
    LoanStatement repaired = stub(b.loanId()).statement();
    assertThat(repaired.pastDue()).isEqualTo(b.schedule().getFirst().total());
    assertLedgerMatches(b.loanId(), repaired);
  }

  @Test
  void a_promise_to_pay_holds_the_ladder_and_a_stop_reply_silences_collection_texts() throws Exception {
    Booked b = book("5000.00", "12.99", 12);
    scriptRail(b.loanId(), "REJECT");
    LocalDate due = b.schedule().getFirst().dueDate();
    sleepUntil(due.plusDays(3), 15);
    CollectionWorkflow collection = client.newWorkflowStub(CollectionWorkflow.class,
        WorkflowIds.collection(b.loanId(), 1));
    assertThat(collection.stages()).containsExactly("collection-friendly");

    b.workflow().promiseToPay(due.plusDays(12));
    assertThatThrownBy(() -> b.workflow().promiseToPay(due.minusDays(1))).isInstanceOf(WorkflowUpdateException.class);
    jdbc.sql("insert into sms_consents (phone, opted_out) values ('+14155550100', true) "
        + "on conflict (phone) do update set opted_out = true").update();
    try {
      sleepUntil(due.plusDays(11), 15);
      assertThat(collection.stages()).as("the day-7 warning waits for the promised date")
          .containsExactly("collection-friendly");
      sleepUntil(due.plusDays(13), 20);
      // The promise lapsed: the stages it held back run now, in order.
      assertThat(collection.stages()).startsWith("collection-friendly", "collection-warning");
      assertThat(jdbc.sql("select status from sms_messages where idempotency_key = ?")
          .param("collection-warning:" + b.loanId() + ":1").query(String.class).single())
          .as("the borrower replied STOP").isEqualTo("SUPPRESSED");

      b.workflow().paymentReceived(new PaymentReceived("promised-1", b.schedule().getFirst().total(),
          env.currentTimeMillis()));
      assertThat(WorkflowStub.fromTyped(collection).getResult(CollectionOutcome.class).outcome()).isEqualTo("CURED");
      assertLedgerMatches(b.loanId(), b.workflow().statement());
    } finally {
      jdbc.sql("update sms_consents set opted_out = false where phone = '+14155550100'").update();
    }
  }

  /** Every collection text went out between 8:00 and 21:00 in the borrower's time zone (Austin). */
  private void assertTextsInContactHours(String applicationId) {
    List<java.sql.Timestamp> times = jdbc.sql("""
            select business_time from sms_messages where application_id = ?::uuid and template like 'collection-%'""")
        .param(applicationId).query(java.sql.Timestamp.class).list();
    assertThat(times).isNotEmpty().allSatisfy(t -> {
      int hour = t.toInstant().atZone(AUSTIN).getHour();
      assertThat(hour).isBetween(8, 20);
    });
  }
}
