package dev.tranche.activities.servicing;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.collections.CollectionActivitiesImpl;
import dev.tranche.activities.collections.SweepActivitiesImpl;
import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.activities.partner.PartnerNoticesImpl;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.Fixtures;
import dev.tranche.collections.CollectionWorkflowImpl;
import dev.tranche.collections.CollectionsSweepWorkflowImpl;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.decision.Tier;
import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerEventWorkflowImpl;
import dev.tranche.servicing.FundedLoan;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.servicing.LoanActivities;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.LoanServicingWorkflowImpl;
import dev.tranche.servicing.LoanStatement;
import dev.tranche.servicing.ServicingActivities;
import dev.tranche.servicing.ServicingState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servicing scenarios on the time-skipping test server with the real activities: PostgreSQL ledger,
 * the sandbox's payment rail, agency and Twilio over HTTP. Months pass in seconds.
 */
abstract class ServicingScenario extends ActivitiesIntegrationTest {

  @Autowired ServicingActivities servicing;
  @Autowired ServicingProperties servicingProperties;
  @Autowired NotificationActivities sms;
  @Autowired WorkflowRegistryActivities registry;
  @Autowired LoanActivities loans;
  @Autowired ApplicantStore applicants;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  @Autowired PartnerDirectory partners;
  @Autowired PartnerActivities partnerActivities;

  TestWorkflowEnvironment env;
  WorkflowClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void environment() {
    // As in production, PostgreSQL refusing data fails an activity at once instead of retrying it.
    env = TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(io.temporal.worker.WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(new dev.tranche.activities.support.DataRejections()).build())
        .build());
    client = env.getWorkflowClient();
    Worker worker = env.newWorker(TaskQueues.SERVICING);
    worker.registerWorkflowImplementationTypes(LoanServicingWorkflowImpl.class, CollectionWorkflowImpl.class,
        CollectionsSweepWorkflowImpl.class);
    worker.registerActivitiesImplementations(servicing, sms, registry, new PartnerNoticesImpl(jdbc, () -> client),
        new CollectionActivitiesImpl(jdbc, audit, servicingProperties, () -> client),
        new SweepActivitiesImpl(jdbc, audit, () -> client));
    // A partner's loan hands its notices to partner-event workflows, delivered to the sandbox CRM.
    Worker applications = env.newWorker(TaskQueues.APPLICATIONS);
    applications.registerWorkflowImplementationTypes(PartnerEventWorkflowImpl.class);
    applications.registerActivitiesImplementations(partnerActivities);
    moreWorkers(env);
    env.start();
  }

  /** Workers a scenario adds (e.g. the chain queue) before the environment starts. */
  void moreWorkers(TestWorkflowEnvironment environment) {
  }

  @AfterEach
  void close() {
    env.close();
  }

  /** A loan booked (schedule, disbursement posting) and its servicing workflow started today. */
  record Booked(String loanId, String applicationId, List<Installment> schedule, LoanServicingWorkflow workflow) {
  }

  Booked book(String principal, String apr, int months) {
    return book(principal, apr, months, (loanId, applicationId) -> { });
  }

  /** As above; {@code beforeServicing} runs once the loan is booked, before its servicing starts. */
  Booked book(String principal, String apr, int months,
      java.util.function.BiConsumer<String, String> beforeServicing) {
    var application = Fixtures.application("123-45-" + (1000 + (int) (Math.random() * 8999)));
    applicants.create(application);
    String loanId = UUID.randomUUID().toString();
    Money amount = Money.of(principal, "USD");
    var start = LocalDates.utcDate(env.currentTimeMillis());
    List<Installment> schedule = Amortization.schedule(amount, new BigDecimal(apr), months, start);
    Offer offer = new Offer("OFR-T-" + months, Tier.A, "sandbox-lender", amount, months, new BigDecimal(apr),
        schedule.getFirst().total(), Money.of("0.00", "USD"), Amortization.totalOfPayments(schedule),
        env.currentTimeMillis() + 1000);
    loans.bookFundedLoan(new FundedLoan(loanId, application.applicationId(), application.borrowerId(),
        "sandbox-lender", "LL-" + loanId, offer, env.currentTimeMillis(), schedule));
    beforeServicing.accept(loanId, application.applicationId());
    LoanServicingWorkflow workflow = client.newWorkflowStub(LoanServicingWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.loan(loanId)).setTaskQueue(TaskQueues.SERVICING).build());
    WorkflowClient.start(workflow::service, new ServicingState(loanId, schedule, 1, amount, List.of()));
    return new Booked(loanId, application.applicationId(), schedule, workflow);
  }

  LoanServicingWorkflow stub(String loanId) {
    return client.newWorkflowStub(LoanServicingWorkflow.class, WorkflowIds.loan(loanId));
  }

  /** Scripts the rail's outcomes for a loan's autopay account, e.g. RETURN:R01 then SETTLE. */
  void scriptRail(String loanId, String... outcomes) throws Exception {
    String list = String.join("\",\"", outcomes);
    http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/rails/script"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"acct-" + loanId + "\",\"outcomes\":[\"" + list
            + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Debits minus credits of one account, over this loan's transfers only. */
  BigDecimal net(String loanId, String account) {
    return jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
              join ledger_accounts a on a.id = e.account_id
             where t.loan_id = ?::uuid and a.code = ?""")
        .params(loanId, account).query(BigDecimal.class).single();
  }

  BigDecimal sumOfKind(String loanId, String kind, String account) {
    return jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
              join ledger_accounts a on a.id = e.account_id
             where t.loan_id = ?::uuid and t.kind = ? and a.code = ?""")
        .params(loanId, kind, account).query(BigDecimal.class).single();
  }

  long transfers(String loanId, String kind) {
    return jdbc.sql("select count(*) from ledger_transfers where loan_id = ?::uuid and kind = ?")
        .params(loanId, kind).query(Long.class).single();
  }

  /** The loan's balance from the ledger: receivables less the credit it owes back. */
  BigDecimal ledgerBalance(String loanId) {
    return net(loanId, LoanAccounts.principal(loanId)).add(net(loanId, LoanAccounts.interest(loanId)))
        .add(net(loanId, LoanAccounts.fees(loanId))).add(net(loanId, LoanAccounts.penalties(loanId)))
        .add(net(loanId, LoanAccounts.credit(loanId)));
  }

  /** Every transfer of the loan is balanced, and the ledger's balance is the workflow's to the cent. */
  void assertLedgerMatches(String loanId, LoanStatement statement) {
    BigDecimal unbalanced = jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id where t.loan_id = ?::uuid""")
        .param(loanId).query(BigDecimal.class).single();
    assertThat(unbalanced).isEqualByComparingTo("0");
    assertThat(ledgerBalance(loanId)).isEqualByComparingTo(statement.balance().amount());
  }

  /** Writes a workflow's (latest run's) history for the replay tests when -Dtranche.recordHistories=DIR. */
  void recordHistory(String workflowId, String name) throws Exception {
    String dir = System.getProperty("tranche.recordHistories");
    if (dir != null) {
      java.nio.file.Path file = java.nio.file.Path.of(dir, name + ".json");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    }
  }

  List<String> texts(String applicationId) {
    return jdbc.sql("select template from sms_messages where application_id = ?::uuid order by created_at")
        .param(applicationId).query(String.class).list();
  }

  LoanStatement lastStatement(String loanId) {
    String json = jdbc.sql("select snapshot::text from loans where id = ?::uuid").param(loanId).query(String.class)
        .single();
    ServicingState state = dev.tranche.activities.support.Json.read(json, ServicingState.class);
    var p = state.position();
    return new LoanStatement(loanId, state.status(), p.principal(), p.interestDue(), p.feesDue(), p.penaltiesDue(),
        p.pastDue(), p.credit(), p.balance(), state.nextInstallment(), null, 0, "", 1, null, null,
        dev.tranche.servicing.PaymentReferences.of(loanId));
  }
}
