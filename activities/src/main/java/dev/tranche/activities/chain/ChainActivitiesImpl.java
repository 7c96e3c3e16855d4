package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.WalletPayout;
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

  @Autowired
  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, ObjectProvider<WorkflowClient> temporal) {
    this(properties, jdbc, ledger, audit, tx, (Supplier<WorkflowClient>) temporal::getObject);
  }

  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<WorkflowClient> temporal) {
    this.nodes = new ChainNodes(properties);
    this.reader = new VaultReader(nodes);
    this.signer = new ChainSigner(nodes, jdbc, audit);
    this.book = new CollateralBook(nodes, reader, jdbc, ledger, audit, tx, temporal);
  }

  /** A chain that answers with another chain id than configured refuses the start. */
  @EventListener(ApplicationReadyEvent.class)
  public void verifyChains() {
    nodes.verify();
  }

  // --- the vault, read ---

  @Override
  public OnChainPosition readPosition(String chain, String loanId) {
    return reader.readPosition(chain, loanId);
  }

  @Override
  public LiquidationEvent liquidationEvent(String chain, String loanId) {
    return reader.liquidationEvent(chain, loanId);
  }

  @Override
  public CollateralDeposit awaitDeposit(String chain, String loanId) {
    return reader.awaitDeposit(chain, loanId);
  }

  // --- the signer ---

  @Override
  public ChainTx submitLiquidation(String chain, String loanId, String idempotencyKey) {
    return signer.submitLiquidation(chain, loanId, idempotencyKey);
  }

  @Override
  public ChainTx submitDefaultLiquidation(String chain, String loanId, String idempotencyKey) {
    return signer.submitDefaultLiquidation(chain, loanId, idempotencyKey);
  }

  @Override
  public ChainTx submitLock(String chain, String loanId, String debtUsd) {
    return signer.submitLock(chain, loanId, debtUsd);
  }

  @Override
  public ChainTx submitDebtUpdate(String chain, String loanId, String debtUsd, String idempotencyKey) {
    return signer.submitDebtUpdate(chain, loanId, debtUsd, idempotencyKey);
  }

  @Override
  public ChainTx submitExpectDeposit(String chain, String loanId, String walletAddress) {
    return signer.submitExpectDeposit(chain, loanId, walletAddress);
  }

  @Override
  public ChainTx submitRelease(String chain, String loanId) {
    return signer.submitRelease(chain, loanId);
  }

  @Override
  public ChainTx submitPayout(WalletPayout payout) {
    return signer.submitPayout(payout);
  }

  @Override
  public ChainTx resubmit(String chain, String idempotencyKey, String previousTxHash) {
    return signer.resubmit(chain, idempotencyKey, previousTxHash);
  }

  @Override
  public TxOutcome awaitReceipt(String chain, String txHash) {
    return signer.awaitReceipt(chain, txHash);
  }

  // --- the collateral book ---

  @Override
  public CollateralRequirement requireCollateral(CollateralRequest request) {
    return book.requireCollateral(request);
  }

  @Override
  public void recordDeposit(CollateralDeposit deposit, String status) {
    book.recordDeposit(deposit, status);
  }

  @Override
  public void markReleased(String loanId) {
    book.markReleased(loanId);
  }

  @Override
  public void recordAlert(String loanId, String message) {
    book.recordAlert(loanId, message);
  }

  @Override
  public String bookLiquidation(LiquidationEvent event) {
    return book.bookLiquidation(event);
  }

  @Override
  public void bookPayout(WalletPayout payout, String txHash) {
    book.bookPayout(payout, txHash);
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
  public void startMonitor(String loanId, String applicationId, String chain) {
    book.startMonitor(loanId, applicationId, chain);
  }
}
