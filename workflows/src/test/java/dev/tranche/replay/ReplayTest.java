package dev.tranche.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.application.LoanApplicationWorkflowImpl;
import dev.tranche.disbursement.DisbursementWorkflowImpl;
import dev.tranche.review.ManualReviewWorkflowImpl;
import dev.tranche.servicing.LoanServicingWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed history must replay against today's workflow code: a change that alters the
 * commands of a running workflow fails here unless it is behind {@code Workflow.getVersion}.
 * Histories are named {@code <release>-<path>.json}: the 1.0 baseline holds one per workflow type and
 * main path, 1.2 the BNPL bill, settlement and liquidity pool workflows, 1.3 a pool-funded marketplace loan and a
 * payment record, 1.4 the price watcher and a monitor that leaves the liquidation to it, 1.5 a monitor that backs off
 * while its position is quiet and is woken by the watcher. Record with {@code -Dtranche.recordHistories=DIR} on the workflows tests and on the
 * activities' servicing, collateral, liquidation and bill tests, then copy the files in with the prefix of
 * the release that recorded them (README, "Changing a workflow").
 */
class ReplayTest {

  private static final Set<String> WORKFLOW_TYPES = Set.of("LoanApplicationWorkflow", "ManualReviewWorkflow",
      "DisbursementWorkflow", "LoanServicingWorkflow", "CollectionWorkflow", "CollectionsSweepWorkflow",
      "LiquidationWorkflow", "CollateralMonitorWorkflow", "BillWorkflow", "SettlementWorkflow",
      "PoolLoanWorkflow", "PoolReconciliationWorkflow", "BillCollateralWorkflow", "PaymentRecordWorkflow",
      "PriceWatchWorkflow");

  static Stream<Path> histories() throws IOException, URISyntaxException {
    Path dir = Path.of(ReplayTest.class.getResource("/histories").toURI());
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("committed histories").hasSizeGreaterThanOrEqualTo(WORKFLOW_TYPES.size());
    return files.stream();
  }

  @Test
  void the_baseline_has_a_history_of_every_workflow_type() throws Exception {
    Set<String> recorded = new TreeSet<>();
    for (Path history : histories().toList()) {
      recorded.add(WorkflowExecutionHistory.fromJson(Files.readString(history)).getEvents().getFirst()
          .getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName());
    }
    assertThat(recorded).containsExactlyInAnyOrderElementsOf(WORKFLOW_TYPES);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replays(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)),
        LoanApplicationWorkflowImpl.class, ManualReviewWorkflowImpl.class, DisbursementWorkflowImpl.class,
        LoanServicingWorkflowImpl.class, dev.tranche.collections.CollectionWorkflowImpl.class,
        dev.tranche.collections.CollectionsSweepWorkflowImpl.class, dev.tranche.chain.LiquidationWorkflowImpl.class,
        dev.tranche.chain.CollateralMonitorWorkflowImpl.class, dev.tranche.bnpl.BillWorkflowImpl.class,
        dev.tranche.bnpl.SettlementWorkflowImpl.class, dev.tranche.chain.PoolLoanWorkflowImpl.class,
        dev.tranche.chain.PoolReconciliationWorkflowImpl.class, dev.tranche.bnpl.BillCollateralWorkflowImpl.class,
        dev.tranche.chain.PaymentRecordWorkflowImpl.class, dev.tranche.chain.PriceWatchWorkflowImpl.class);
  }
}
