package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.TxOutcome;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.money.Money;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The vault over web3j. One signer per chain account, serialised: nonces come from the node under a
 * lock, and the hash is stored under the business key before the workflow waits for the receipt.
 */
@Component("chainActivities")
public class ChainActivitiesImpl implements ChainActivities {

  private static final List<String> STATUSES = List.of("NONE", "DEPOSITED", "LOCKED", "RELEASED", "LIQUIDATED");

  private final ChainProperties properties;
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;
  private final Map<String, Chain> chains = new ConcurrentHashMap<>();
  /** One lock per signing account: its nonces are one sequence. */
  private final Map<String, Object> signerLocks = new ConcurrentHashMap<>();

  private final TransactionTemplate tx;

  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx) {
    this.tx = tx;
    this.properties = properties;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.audit = audit;
  }

  /**
   * At start, every configured chain must answer with its configured chain id: a signer bound to
   * the wrong chain id has its transactions silently dropped, so a mismatch refuses to start.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void verifyChains() {
    if (properties.chains() == null) {
      return;
    }
    properties.chains().forEach((name, config) -> {
      Chain chain = chains.computeIfAbsent(name, n -> new Chain(config.rpcUrl()));
      if (chain.chainId() != config.chainId()) {
        throw new IllegalStateException("chain " + name + " at " + config.rpcUrl() + " answers chain id "
            + chain.chainId() + ", but " + config.chainId() + " is configured: refusing to start");
      }
    });
  }

  private ChainProperties.ChainConfig config(String name) {
    ChainProperties.ChainConfig config = properties.chains() == null ? null : properties.chains().get(name);
    if (config == null) {
      throw ApplicationFailure.newNonRetryableFailure("no chain named " + name, "CHAIN_MISCONFIGURED");
    }
    return config;
  }

  /** Connects once per chain and refuses a node whose chain id is not the configured one. */
  private Chain chain(String name) {
    ChainProperties.ChainConfig config = config(name);
    Chain chain = chains.computeIfAbsent(name, n -> new Chain(config.rpcUrl()));
    if (chain.chainId() != config.chainId()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + name + " answers chain id " + chain.chainId()
          + ", configured " + config.chainId(), "CHAIN_MISCONFIGURED");
    }
    return chain;
  }

  private CollateralVault vault(String name, RawTransactionManager signer, Chain chain) {
    ContractGasProvider gas = chain.gas();
    return CollateralVault.load(config(name).vaultAddress(), chain.web3j(), signer, gas);
  }

  private Credentials operator(String name) {
    return Credentials.create(config(name).operatorKey());
  }

  @Override
  public OnChainPosition readPosition(String name, String loanId) {
    Chain chain = chain(name);
    CollateralVault vault = vault(name, chain.signer(operator(name)), chain);
    byte[] key = LocalDeployment.loanKey(loanId);
    try {
      CollateralVault.Position p = vault.position(key).send();
      String status = STATUSES.get(p.status.intValue());
      String healthFactor = null;
      String problem = null;
      if (status.equals("LOCKED")) {
        String revert = chain.revertSelector(operator(name).getAddress(), vault.getContractAddress(),
            vault.healthFactor(key).encodeFunctionCall());
        if (revert == null) {
          healthFactor = vault.healthFactor(key).send().toString();
        } else {
          problem = revert.equals(Chain.selector("StalePrice(uint256,uint256)")) ? "STALE_PRICE" : revert;
        }
      }
      return new OnChainPosition(loanId, status, p.collateral.toString(), p.debtUsd.toString(), healthFactor, problem);
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the position of " + loanId + " on " + name + ": " + e, e);
    }
  }

  @Override
  public ChainTx submitLiquidation(String name, String loanId, String idempotencyKey) {
    Optional<ChainTx> stored = stored(idempotencyKey);
    if (stored.isPresent()) {
      return stored.get();
    }
    Chain chain = chain(name);
    Credentials operator = operator(name);
    RawTransactionManager signer = chain.signer(operator);
    CollateralVault vault = vault(name, signer, chain);
    String data = vault.liquidate(LocalDeployment.loanKey(loanId)).encodeFunctionCall();
    // One sequence of nonces per account: sign and send under a lock (the receipt wait is outside it).
    synchronized (signerLocks.computeIfAbsent(operator.getAddress(), a -> new Object())) {
      try {
        BigInteger nonce = chain.web3j().ethGetTransactionCount(operator.getAddress(),
            DefaultBlockParameterName.PENDING).send().getTransactionCount();
        ContractGasProvider gas = chain.gas();
        var sent = signer.sendTransaction(gas.getGasPrice(), BigInteger.valueOf(500_000), vault.getContractAddress(),
            data, BigInteger.ZERO);
        if (sent.hasError()) {
          throw new IllegalStateException("send failed: " + sent.getError().getMessage());
        }
        ChainTx tx = new ChainTx(idempotencyKey, sent.getTransactionHash(), nonce.longValueExact());
        jdbc.sql("""
                insert into chain_transactions (idempotency_key, chain, loan_id, tx_hash, nonce)
                values (?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
            .params(idempotencyKey, name, UUID.fromString(loanId), tx.txHash(), tx.nonce()).update();
        return stored(idempotencyKey).orElse(tx);
      } catch (IOException e) {
        throw new IllegalStateException("could not send to " + name + ": " + e, e);
      }
    }
  }

  private Optional<ChainTx> stored(String key) {
    return jdbc.sql("select idempotency_key, tx_hash, nonce from chain_transactions where idempotency_key = ?")
        .param(key).query((rs, n) -> new ChainTx(rs.getString(1), rs.getString(2), rs.getLong(3))).optional();
  }

  @Override
  public TxOutcome awaitReceipt(String name, String txHash) {
    Chain chain = chain(name);
    try {
      EthGetTransactionReceipt answer = chain.web3j().ethGetTransactionReceipt(txHash).send();
      Optional<TransactionReceipt> receipt = answer.getTransactionReceipt();
      if (receipt.isEmpty()) {
        throw new IllegalStateException("no receipt yet for " + txHash);
      }
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long mined = receipt.get().getBlockNumber().longValueExact();
      if (head - mined + 1 < Math.max(1, config(name).confirmations())) {
        throw new IllegalStateException(txHash + " has " + (head - mined + 1) + " confirmations");
      }
      jdbc.sql("update chain_transactions set status = ? where tx_hash = ?")
          .params(receipt.get().isStatusOK() ? "CONFIRMED" : "REVERTED", txHash).update();
      return new TxOutcome(txHash, receipt.get().isStatusOK(), mined);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  @Override
  public LiquidationEvent liquidationEvent(String name, String loanId) {
    Chain chain = chain(name);
    byte[] key = LocalDeployment.loanKey(loanId);
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        config(name).vaultAddress());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(CollateralVault.LIQUIDATED_EVENT));
    filter.addSingleTopic(org.web3j.utils.Numeric.toHexString(key));
    try {
      List<?> logs = chain.web3j().ethGetLogs(filter).send().getLogs();
      if (logs.isEmpty()) {
        throw ApplicationFailure.newFailure("no Liquidated event for " + loanId + " yet", "EVENT_NOT_FOUND");
      }
      Log log = (Log) ((org.web3j.protocol.core.methods.response.EthLog.LogResult<?>) logs.getFirst()).get();
      var event = CollateralVault.getLiquidatedEventFromLog(log);
      return new LiquidationEvent(loanId, log.getTransactionHash(), event.seized.toString(), event.returned.toString(),
          event.debtUsd.toString(), event.price.toString(), name);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  @Override
  public void recordAlert(String loanId, String message) {
    audit.record("system:collateral-monitor", "COLLATERAL_ALERT", "loan", loanId, Map.of("message", message));
  }

  @Override
  public void bookLiquidation(LiquidationEvent e) {
    // The record and its posting commit together, or neither does.
    tx.executeWithoutResult(status -> book(e));
  }

  private void book(LiquidationEvent e) {
    BigDecimal proceeds = new BigDecimal(new BigInteger(e.seizedWei()).multiply(new BigInteger(e.priceWad())))
        .movePointLeft(36).setScale(2, RoundingMode.DOWN);
    int inserted = jdbc.sql("""
            insert into liquidations (loan_id, chain, tx_hash, seized_wei, returned_wei, debt_usd_wei, price_wad,
              proceeds_usd) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
        .params(UUID.fromString(e.loanId()), e.chain() == null ? "unknown" : e.chain(), e.txHash(), new BigDecimal(e.seizedWei()), new BigDecimal(e.returnedWei()),
            new BigDecimal(e.debtUsdWei()), new BigDecimal(e.priceWad()), proceeds)
        .update();
    if (inserted == 0 || proceeds.signum() <= 0) {
      return;
    }
    Money amount = Money.of(proceeds.toPlainString(), "USD");
    // The seized collateral's value waits as proceeds until it is applied to the loan.
    ledger.post(new Transfer("liquidation:" + e.loanId(), "LIQUIDATION", null,
        "collateral liquidated for loan " + e.loanId(), List.of(
            Leg.debit("collateral:liquidation-proceeds", AccountType.ASSET, amount),
            Leg.credit("suspense:liquidation-proceeds", AccountType.LIABILITY, amount))));
    audit.record("system:chain", "COLLATERAL_LIQUIDATED", "loan", e.loanId(), Map.of("txHash", e.txHash(),
        "proceedsUsd", proceeds.toPlainString()));
  }
}
