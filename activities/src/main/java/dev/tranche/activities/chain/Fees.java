package dev.tranche.activities.chain;

import dev.tranche.contracts.Chain;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * What a transaction offers to pay per gas: with EIP-1559 the fee cap ({@code maxFee}: twice the latest
 * base fee plus the tip, so it stays valid while the base fee rises for a few blocks) and the tip
 * ({@code priority}); on a chain without a base fee, a legacy gas price ({@code priority} null).
 */
record Fees(BigInteger maxFee, BigInteger priority) {

  private static final BigInteger BUMP_PER_MILLE = BigInteger.valueOf(1125);
  private static final BigInteger MILLE = BigInteger.valueOf(1000);

  static Fees current(Chain chain) throws IOException {
    BigInteger base = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
        .getBaseFeePerGas();
    if (base == null) {
      return new Fees(chain.web3j().ethGasPrice().send().getGasPrice(), null);
    }
    BigInteger tip = chain.web3j().ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    return new Fees(base.multiply(BigInteger.TWO).add(tip), tip);
  }

  /** The replacement's fees: each raised by 12.5 % and one wei, and at least what the chain asks now. */
  Fees bumped(Fees now) {
    BigInteger cap = bump(maxFee).max(now.maxFee());
    if (priority == null || now.priority() == null) {
      return new Fees(cap, now.priority() == null ? null : bump(now.priority()));
    }
    BigInteger tip = bump(priority).max(now.priority());
    return new Fees(cap.max(tip), tip);
  }

  private static BigInteger bump(BigInteger fee) {
    return fee.multiply(BUMP_PER_MILLE).divide(MILLE).add(BigInteger.ONE);
  }
}
