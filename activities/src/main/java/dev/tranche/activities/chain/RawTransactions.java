package dev.tranche.activities.chain;

import dev.tranche.contracts.Chain;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/** Signing and broadcasting one raw transaction to the vault or a token. */
final class RawTransactions {

  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(500_000);

  private RawTransactions() {
  }

  /** An EIP-1559 (type 2) transaction where the chain has a base fee, a legacy one elsewhere. */
  static String sign(Chain chain, Credentials operator, BigInteger nonce, Fees fees, String to, String data) {
    if (fees.priority() == null) {
      RawTransaction legacy = RawTransaction.createTransaction(nonce, fees.maxFee(), GAS_LIMIT, to, BigInteger.ZERO,
          data);
      return Numeric.toHexString(TransactionEncoder.signMessage(legacy, chain.chainId(), operator));
    }
    RawTransaction typed = RawTransaction.createTransaction(chain.chainId(), nonce, GAS_LIMIT, to, BigInteger.ZERO,
        data, fees.priority(), fees.maxFee());
    return Numeric.toHexString(TransactionEncoder.signMessage(typed, operator));
  }

  /** Sends a signed transaction; one the node already has (or already mined) is not an error. */
  static void broadcast(Chain chain, String raw) throws IOException {
    EthSendTransaction sent = chain.web3j().ethSendRawTransaction(raw).send();
    if (sent.hasError()) {
      String message = String.valueOf(sent.getError().getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("already") || message.contains("nonce too low")) {
        return;
      }
      throw new IllegalStateException("send failed: " + sent.getError().getMessage());
    }
  }
}
