package dev.tranche.application;

import dev.tranche.common.NotificationActivities;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.decision.BankSummary;
import dev.tranche.decision.BureauReport;
import dev.tranche.decision.KycResult;
import dev.tranche.disbursement.DisbursementWorkflowImpl;
import dev.tranche.disbursement.LenderActivities;
import dev.tranche.disbursement.LenderLoan;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.MarketplaceActivities;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerRef;
import dev.tranche.review.ManualReviewWorkflowImpl;
import dev.tranche.review.ReviewActivities;
import dev.tranche.servicing.LoanActivities;
import dev.tranche.servicing.LoanServicingWorkflowImpl;
import dev.tranche.verification.BankDataActivities;
import dev.tranche.verification.BureauActivities;
import dev.tranche.verification.KycActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

/**
 * A time-skipping Temporal test environment with every origination workflow registered and every
 * activity a Mockito mock. One per test: mocks are per test, the environment starts in ~100 ms.
 */
final class OriginationHarness implements AutoCloseable {

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final ApplicationActivities store = mock(ApplicationActivities.class, withSettings().withoutAnnotations());
  final KycActivities kyc = mock(KycActivities.class, withSettings().withoutAnnotations());
  final BureauActivities bureau = mock(BureauActivities.class, withSettings().withoutAnnotations());
  final BankDataActivities bank = mock(BankDataActivities.class, withSettings().withoutAnnotations());
  final LoanActivities loans = mock(LoanActivities.class, withSettings().withoutAnnotations());
  final NotificationActivities sms = mock(NotificationActivities.class, withSettings().withoutAnnotations());
  final WorkflowRegistryActivities registry = mock(WorkflowRegistryActivities.class,
      withSettings().withoutAnnotations());
  final ReviewActivities reviews = mock(ReviewActivities.class, withSettings().withoutAnnotations());
  final LenderActivities lender = mock(LenderActivities.class, withSettings().withoutAnnotations());
  final MarketplaceActivities market = mock(MarketplaceActivities.class, withSettings().withoutAnnotations());
  final PartnerActivities partners = mock(PartnerActivities.class, withSettings().withoutAnnotations());
  final dev.tranche.chain.ChainActivities chain = mock(dev.tranche.chain.ChainActivities.class,
      withSettings().withoutAnnotations());
  final String applicationId = UUID.randomUUID().toString();

  OriginationHarness() {
    this(true);
  }

  /**
   * @param workflowCache false to run workers without a workflow cache (and so without sticky task
   *     queues): every task then rebuilds the workflow from history, as a freshly started worker would
   */
  OriginationHarness(boolean workflowCache) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(factoryOptions(workflowCache)).build());
    client = env.getWorkflowClient();
    env.registerSearchAttribute("TrancheBusinessId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("TrancheStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    register(env.getWorkerFactory());
    when(sms.sendSms(any())).thenReturn("SM-test");
    persona(782, 14, false, false);
    when(lender.createLoan(any())).thenReturn(new LenderLoan("LL-1", "CREATED", 0));
    when(market.requestQuotes(any())).thenAnswer(call -> quotes(call.getArgument(0), env.currentTimeMillis()));
  }

  /**
   * What the three sandbox lenders would quote: Northwind (fee 1 %), Blue Bank (no fee, higher rate)
   * and Cedar (lower rate, 4 % fee), each on its own terms.
   */
  static LenderQuotes quotes(QuoteRequest request, long now) {
    BigDecimal base = switch (request.tier()) {
      case A -> new BigDecimal("7.50");
      case B -> new BigDecimal("12.50");
      case C -> new BigDecimal("19.50");
    };
    record Terms(String margin, String feePercent, int... terms) {
    }
    Terms terms = switch (request.lender()) {
      case "northwind" -> new Terms("0.49", "1", 24, 36, 60);
      case "bluebank" -> new Terms("0.99", "0", 36, 48);
      default -> new Terms("-0.25", "4", 12, 24, 36);
    };
    List<LenderQuote> quotes = new java.util.ArrayList<>();
    for (int term : terms.terms()) {
      quotes.add(new LenderQuote(request.lender(), request.lender() + "-q-" + term, term,
          base.add(new BigDecimal(terms.margin())),
          request.amount().times(new BigDecimal(terms.feePercent()).movePointLeft(2), java.math.RoundingMode.HALF_UP),
          now + 86_400_000L));
    }
    return new LenderQuotes(request.lender(), quotes, false);
  }

  /** Registers all workflows and the mocks on both task queues of a factory. */
  void register(WorkerFactory factory) {
    Worker applications = factory.newWorker(TaskQueues.APPLICATIONS);
    applications.registerWorkflowImplementationTypes(LoanApplicationWorkflowImpl.class, ManualReviewWorkflowImpl.class);
    applications.registerActivitiesImplementations(store, kyc, bureau, bank, loans, sms, registry, reviews, market,
        partners);
    Worker servicing = factory.newWorker(TaskQueues.SERVICING);
    servicing.registerWorkflowImplementationTypes(DisbursementWorkflowImpl.class, LoanServicingWorkflowImpl.class);
    servicing.registerActivitiesImplementations(lender, loans, sms, registry);
    factory.newWorker(TaskQueues.CHAIN).registerActivitiesImplementations(chain);
  }

  static WorkerFactoryOptions factoryOptions(boolean workflowCache) {
    return workflowCache ? WorkerFactoryOptions.getDefaultInstance()
        : WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build();
  }

  void persona(int score, int tradelines, boolean bankruptcy, boolean sanctions) {
    when(kyc.verifyIdentity(any())).thenReturn(new KycResult(true, new BigDecimal("0.98"), sanctions, List.of()));
    when(bureau.pullCredit(any())).thenReturn(new BureauReport(score, tradelines, bankruptcy, 0));
    when(bank.summariseBankData(any())).thenReturn(
        new BankSummary(Money.of("8500.00", "USD"), Money.of("6400.00", "USD"), 0));
  }

  LoanApplicationWorkflow start(ProcessSettings settings) {
    return start(settings, Money.of("12000.00", "USD"), null);
  }

  LoanApplicationWorkflow start(ProcessSettings settings, Money amount, PartnerRef partner) {
    return start(settings, amount, partner, null);
  }

  LoanApplicationWorkflow start(ProcessSettings settings, Money amount, PartnerRef partner,
      CollateralChoice collateral) {
    env.start();
    LoanApplicationWorkflow workflow = client.newWorkflowStub(LoanApplicationWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.application(applicationId))
            .setTaskQueue(TaskQueues.APPLICATIONS).build());
    WorkflowClient.start(workflow::run, new ApplicationInput(applicationId, "borrower-1",
        amount, "home improvement", settings, partner, collateral));
    return workflow;
  }

  ApplicationView awaitStatus(LoanApplicationWorkflow workflow, Predicate<ApplicationView> condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      ApplicationView view = workflow.status();
      if (condition.test(view)) {
        return view;
      }
      pause();
    }
    throw new AssertionError("condition not reached; last status " + workflow.status().status());
  }

  /**
   * Cancels the application as ops would, once neither it nor its review has an activity in flight. The
   * time-skipping test server refuses a workflow task that cancels an activity whose completion arrived while
   * the task ran (ACTIVITY_UNKNOWN), which the real server accepts; waiting for quiet keeps the test about
   * the workflow, not that race.
   */
  void cancel(String reason) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (pendingActivities(WorkflowIds.application(applicationId)) + pendingActivities(
        WorkflowIds.review(applicationId)) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("activities still in flight");
      }
      pause();
    }
    WorkflowStub.fromTyped(client.newWorkflowStub(LoanApplicationWorkflow.class,
        WorkflowIds.application(applicationId))).cancel(reason);
  }

  private int pendingActivities(String workflowId) {
    try {
      return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
          .getPendingActivitiesCount();
    } catch (StatusRuntimeException notStarted) {
      if (notStarted.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return 0;
      }
      throw notStarted;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  ApplicationOutcome result() {
    return WorkflowStub.fromTyped(client.newWorkflowStub(LoanApplicationWorkflow.class,
        WorkflowIds.application(applicationId))).getResult(ApplicationOutcome.class);
  }

  /** Writes the workflow's history for the replay tests when {@code -Dtranche.recordHistories=DIR} is set. */
  void recordHistory(String workflowId, String name) {
    String dir = System.getProperty("tranche.recordHistories");
    if (dir == null) {
      return;
    }
    try {
      Path file = Path.of(dir, name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ProcessSettings fastSettings() {
    return new ProcessSettings(3600, 7 * 24 * 3600, 600, 300, 3);
  }

  static AcceptOfferRequest accept(String offerId) {
    return new AcceptOfferRequest(offerId, "borrower-1", "Ada Prime", "203.0.113.7", "JUnit");
  }

  @Override
  public void close() {
    env.close();
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
