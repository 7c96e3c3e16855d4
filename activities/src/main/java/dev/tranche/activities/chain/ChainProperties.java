package dev.tranche.activities.chain;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chains are configuration, not code: each named chain has its RPC URL, expected chain id, vault
 * address, the operator's key and how many confirmations a transaction needs.
 */
@ConfigurationProperties("tranche")
public record ChainProperties(Map<String, ChainConfig> chains) {

  /** One chain. */
  public record ChainConfig(String rpcUrl, long chainId, String vaultAddress, String operatorKey, int confirmations) {
  }
}
