package dev.tranche.activities.chain;

import dev.tranche.common.FailureType;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.generated.CollateralVault;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * The configured chains: one connection per chain, checked against its configured chain id (a signer
 * bound to the wrong id has its transactions silently dropped), the vault and the operator account.
 */
final class ChainNodes {

  private final ChainProperties properties;
  private final Map<String, Chain> chains = new ConcurrentHashMap<>();

  ChainNodes(ChainProperties properties) {
    this.properties = properties;
  }

  ChainProperties properties() {
    return properties;
  }

  /** Whether {@code name} is a configured chain. */
  boolean configured(String name) {
    return name != null && properties.chains() != null && properties.chains().containsKey(name);
  }

  /** Every configured chain must answer with its configured chain id, or the workers refuse to start. */
  void verify() {
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

  ChainProperties.ChainConfig config(String name) {
    ChainProperties.ChainConfig config = properties.chains() == null ? null : properties.chains().get(name);
    if (config == null) {
      throw ApplicationFailure.newNonRetryableFailure("no chain named " + name, FailureType.CHAIN_MISCONFIGURED.name());
    }
    return config;
  }

  /** Connects once per chain and refuses a node whose chain id is not the configured one. */
  Chain chain(String name) {
    ChainProperties.ChainConfig config = config(name);
    Chain chain = chains.computeIfAbsent(name, n -> new Chain(config.rpcUrl()));
    if (chain.chainId() != config.chainId()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + name + " answers chain id " + chain.chainId()
          + ", configured " + config.chainId(), FailureType.CHAIN_MISCONFIGURED.name());
    }
    return chain;
  }

  /** The vault for reading (and encoding calls): transactions go through the signer. */
  CollateralVault vault(String name, Chain chain) {
    return CollateralVault.load(config(name).vaultAddress(), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), operator(name).getAddress()), chain.gas());
  }

  Credentials operator(String name) {
    return Credentials.create(config(name).operatorKey());
  }

  /**
   * An answer polled for that is not there yet: retried by the caller's schedule, and benign, so the
   * routine wait (a receipt, a deposit) logs at DEBUG and counts no activity failure in the metrics.
   */
  static ApplicationFailure notYet(String message, String type) {
    return ApplicationFailure.newBuilder().setMessage(message).setType(type)
        .setCategory(io.temporal.failure.ApplicationErrorCategory.BENIGN).build();
  }
}
