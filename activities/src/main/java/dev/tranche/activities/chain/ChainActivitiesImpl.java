package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.CollateralAlert;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.DebtLock;
import dev.tranche.chain.DebtUpdate;
import dev.tranche.chain.DepositVerdict;
import dev.tranche.chain.ExpectedDeposit;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.MonitorStart;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.PaymentRecord;
import dev.tranche.chain.PaymentRecorded;
import dev.tranche.chain.PayoutConfirmation;
import dev.tranche.chain.PledgeRequest;
import dev.tranche.chain.PledgeRequirement;
import dev.tranche.chain.PoolCall;
import dev.tranche.chain.PoolMovement;
import dev.tranche.chain.PoolReconciliation;
import dev.tranche.chain.PositionSweep;
import dev.tranche.chain.PriceRound;
import dev.tranche.chain.Resend;
import dev.tranche.chain.SentTx;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.VaultCall;
import dev.tranche.chain.VaultLoan;
import dev.tranche.chain.WalletPayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain activities (their type names are those of {@link ChainActivities}), each answered by the
 * part that plays its role: {@link VaultReader} reads the vault (positions, prices, events, deposits),
 * {@link ChainSigner} signs and sends (submits, resends, receipts, nonces), {@link CollateralBook} keeps
 * the collateral's records and postings and starts the monitor and liquidation workflows.
 */
@Component("chainActivities")
public class ChainActivitiesImpl implements ChainActivities {

  private final ChainNodes nodes;
  private final VaultReader reader;
  private final ChainSigner signer;
  private final CollateralBook book;
  private final PoolBook pools;
  private final PledgeBook pledges;
  private final PaymentRecordBook records;
  private final PositionSweeper sweeper;
  private final Supplier<WorkflowClient> temporal;

  @Autowired
  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, ObjectProvider<WorkflowClient> temporal, ObjectProvider<MeterRegistry> meters) {
    this(properties, jdbc, ledger, audit, tx, (Supplier<WorkflowClient>) temporal::getObject, meters::getIfAvailable);
  }

  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<WorkflowClient> temporal) {
    this(properties, jdbc, ledger, audit, tx, temporal, () -> null);
  }

  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<WorkflowClient> temporal, Supplier<MeterRegistry> meters) {
    this.nodes = new ChainNodes(properties);
    this.reader = new VaultReader(nodes);
    this.signer = new ChainSigner(nodes, jdbc, audit);
    this.book = new CollateralBook(nodes, reader, jdbc, ledger, audit, tx, temporal);
    this.pools = new PoolBook(nodes, signer, jdbc, ledger, audit, tx, meters);
    this.pledges = new PledgeBook(nodes, jdbc, ledger, tx);
    this.records = new PaymentRecordBook(nodes, signer, jdbc, audit);
    this.sweeper = new PositionSweeper(nodes, reader, jdbc, audit, temporal);
    this.temporal = temporal;
  }

  /** The latest round of the chain's vault feed (the price feed listener's poll). */
  long feedRound(String chain) {
    return reader.feedRound(chain);
  }

  /** A chain that answers with another chain id than configured refuses the start. */
  @EventListener(ApplicationReadyEvent.class)
  public void verifyChains() {
    nodes.verify();
  }

  // --- the vault, read ---

  @Override
  public OnChainPosition readPosition(VaultLoan loan) {
    return reader.readPosition(loan.chain(), loan.loanId());
  }

  @Override
  public PositionSweep sweepPositions(PriceRound round) {
    return sweeper.sweep(round.chain(), round.round());
  }

  @Override
  public LiquidationEvent liquidationEvent(VaultLoan loan) {
    return reader.liquidationEvent(loan.chain(), loan.loanId());
  }

  @Override
  public CollateralDeposit awaitDeposit(VaultLoan loan) {
    return reader.awaitDeposit(loan.chain(), loan.loanId());
  }

  // --- the signer ---

  @Override
  public ChainTx submitLiquidation(VaultCall call) {
    return signer.submitLiquidation(call.chain(), call.loanId(), call.idempotencyKey());
  }

  @Override
  public ChainTx submitDefaultLiquidation(VaultCall call) {
    return signer.submitDefaultLiquidation(call.chain(), call.loanId(), call.idempotencyKey());
  }

  @Override
  public ChainTx submitLock(DebtLock lock) {
    return signer.submitLock(lock.chain(), lock.loanId(), lock.debtUsd());
  }

  @Override
  public ChainTx submitDebtUpdate(DebtUpdate update) {
    return signer.submitDebtUpdate(update.chain(), update.loanId(), update.debtUsd(), update.idempotencyKey());
  }

  @Override
  public ChainTx submitExpectDeposit(ExpectedDeposit expected) {
    return signer.submitExpectDeposit(expected.chain(), expected.loanId(), expected.walletAddress());
  }

  @Override
  public ChainTx submitRelease(VaultLoan loan) {
    return signer.submitRelease(loan.chain(), loan.loanId());
  }

  @Override
  public ChainTx submitPayout(WalletPayout payout) {
    return signer.submitPayout(payout);
  }

  @Override
  public ChainTx resubmit(Resend resend) {
    return signer.resubmit(resend.chain(), resend.idempotencyKey(), resend.previousTxHash());
  }

  @Override
  public TxOutcome awaitReceipt(SentTx tx) {
    return signer.awaitReceipt(tx.chain(), tx.txHash());
  }

  // --- the collateral book ---

  @Override
  public CollateralRequirement requireCollateral(CollateralRequest request) {
    return book.requireCollateral(request);
  }

  @Override
  public void recordDeposit(DepositVerdict verdict) {
    book.recordDeposit(verdict.deposit(), verdict.status());
  }

  @Override
  public void markReleased(String loanId) {
    book.markReleased(loanId);
  }

  @Override
  public void recordAlert(CollateralAlert alert) {
    book.recordAlert(alert.loanId(), alert.message());
  }

  @Override
  public String bookLiquidation(LiquidationEvent event) {
    return book.bookLiquidation(event);
  }

  @Override
  public void bookPayout(PayoutConfirmation confirmed) {
    book.bookPayout(confirmed.payout(), confirmed.txHash());
  }

  @Override
  public void startLiquidation(LiquidationRequest request) {
    book.startLiquidation(request);
  }

  @Override
  public String collateralChain(String loanId) {
    return book.collateralChain(loanId);
  }

  @Override
  public void startMonitor(MonitorStart start) {
    book.startMonitor(start.loanId(), start.applicationId(), start.chain());
    // The chain's price watcher now has one more position to sweep (and starts, if it was not running).
    PriceWatches.wake(temporal.get(), start.chain(), 0);
  }

  // --- the liquidity pool ---

  @Override
  public ChainTx submitPoolCall(PoolCall call) {
    return pools.submit(call);
  }

  @Override
  public void bookPoolMovement(PoolMovement movement) {
    pools.book(movement);
  }

  // --- payments on the record ---

  @Override
  public ChainTx submitPaymentRecord(PaymentRecord payment) {
    return records.submit(payment);
  }

  @Override
  public void bookPaymentRecord(PaymentRecorded recorded) {
    records.book(recorded);
  }

  @Override
  public PoolReconciliation reconcilePool(String chain) {
    return pools.reconcile(chain);
  }

  // --- LP tokens as a bill's collateral ---

  @Override
  public PledgeRequirement priceBillCollateral(PledgeRequest request) {
    return pledges.price(request);
  }

  @Override
  public void recordBillCollateral(String billId, String status, String depositedUnits) {
    pledges.record(billId, status, depositedUnits);
  }

  @Override
  public String bookBillLiquidation(LiquidationEvent event) {
    return pledges.bookLiquidation(event);
  }
}
