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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed history must replay against today's workflow code: a change that alters the
 * commands of a running workflow fails here unless it is behind {@code Workflow.getVersion}.
 * Record new histories with {@code -Dtranche.recordHistories=src/test/resources/histories}.
 */
class ReplayTest {

  static Stream<Path> histories() throws IOException, URISyntaxException {
    Path dir = Path.of(ReplayTest.class.getResource("/histories").toURI());
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("committed histories").hasSizeGreaterThanOrEqualTo(5);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replays(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)),
        LoanApplicationWorkflowImpl.class, ManualReviewWorkflowImpl.class, DisbursementWorkflowImpl.class,
        LoanServicingWorkflowImpl.class, dev.tranche.collections.CollectionWorkflowImpl.class,
        dev.tranche.collections.CollectionsSweepWorkflowImpl.class, dev.tranche.chain.LiquidationWorkflowImpl.class,
        dev.tranche.chain.CollateralMonitorWorkflowImpl.class);
  }
}
