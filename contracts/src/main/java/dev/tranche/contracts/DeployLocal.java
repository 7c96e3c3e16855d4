package dev.tranche.contracts;

import org.web3j.crypto.Credentials;

/**
 * Deploys the contracts to a development chain and prints the {@code tranche.chains.{name}.*}
 * configuration that wires them in. Used by {@code docker-compose.yml}'s one-shot {@code chain-setup}:
 * on a fresh anvil the deployer's nonces start at 0, so the addresses are the same on every run and
 * are written into the compose file.
 *
 * <p>Usage: {@code DeployLocal <rpc-url> [chain-name]}; the deployer (and operator) key comes from
 * {@code TRANCHE_CHAIN_DEPLOYER_KEY}, by default anvil's first development account, a public key
 * that must never hold value on a real chain.
 */
public final class DeployLocal {

  /** anvil's and Hardhat's first development account: public knowledge, for local chains only. */
  static final String ANVIL_ACCOUNT_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private DeployLocal() {
  }

  public static void main(String[] args) throws java.io.IOException {
    if (args.length < 1) {
      System.err.println("usage: DeployLocal <rpc-url> [chain-name]");
      System.exit(2);
    }
    String key = System.getenv().getOrDefault("TRANCHE_CHAIN_DEPLOYER_KEY", ANVIL_ACCOUNT_0);
    String name = args.length > 1 ? args[1] : "local";
    try (Chain chain = new Chain(args[0])) {
      String deployer = Credentials.create(key).getAddress();
      java.math.BigInteger sent = chain.web3j().ethGetTransactionCount(deployer,
          org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount();
      if (sent.signum() > 0) {
        // A node with its state kept: deployed on an earlier start, at the same addresses.
        System.out.println("already deployed: " + deployer + " has sent " + sent + " transactions");
        return;
      }
      LocalDeployment contracts = LocalDeployment.deploy(chain, Credentials.create(key), 2000);
      contracts.chainProperties(name, args[0], chain.chainId()).forEach((property, value) ->
          System.out.println(property.endsWith("operator-key") ? property + "=<TRANCHE_CHAIN_DEPLOYER_KEY>"
              : property.endsWith("faucet-key") ? property + "=<this run's local faucet, not kept>"
              : property + "=" + value));
    }
  }
}
