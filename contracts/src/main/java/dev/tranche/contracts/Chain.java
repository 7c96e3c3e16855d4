package dev.tranche.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A connection to one EVM chain: web3j with fast receipt polling, the chain id read from the node
 * (a transaction signed for another chain is silently dropped), and signers bound to it.
 */
public final class Chain implements AutoCloseable {

  private final Web3j web3j;
  private final HttpService service;
  private final long chainId;

  public Chain(String rpcUrl) {
    this.service = new HttpService(rpcUrl);
    this.web3j = Web3j.build(service, 100, Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "web3j-poller");
      t.setDaemon(true);
      return t;
    }));
    try {
      this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException("no EVM node at " + rpcUrl, e);
    }
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  /** A transaction manager for {@code credentials} on this chain, polling receipts every 50 ms. */
  public RawTransactionManager signer(Credentials credentials) {
    return new RawTransactionManager(web3j, credentials, chainId,
        new PollingTransactionReceiptProcessor(web3j, 50, 600));
  }

  /**
   * The node's suggested price, as is: paying a multiple of it feeds back into the suggestion (anvil
   * derives its tip from recent transactions), which then grows several-fold with every block.
   */
  public ContractGasProvider gas() {
    try {
      BigInteger price = web3j.ethGasPrice().send().getGasPrice();
      return new StaticGasProvider(price, BigInteger.valueOf(6_000_000));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new key funded with 100 ether through anvil's {@code anvil_setBalance} (local chains only). */
  public Credentials fundedAccount() {
    try {
      Credentials credentials = Credentials.create(Keys.createEcKeyPair());
      new Request<>("anvil_setBalance", List.of(credentials.getAddress(), "0x56BC75E2D63100000"), service,
          VoidResponse.class).send();
      return credentials;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Turns mining on every transaction on or off (local chains only): off, transactions wait in the pool. */
  public void automine(boolean on) {
    try {
      new Request<>("evm_setAutomine", List.of(on), service, VoidResponse.class).send();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mines one block now (local chains only). */
  public void mine() {
    try {
      new Request<>("evm_mine", List.of(), service, VoidResponse.class).send();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves the chain's clock forward and mines a block (local chains only). */
  public void advanceTime(long seconds) {
    try {
      new Request<>("evm_increaseTime", List.of(seconds), service, VoidResponse.class).send();
      new Request<>("evm_mine", List.of(), service, VoidResponse.class).send();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The 4-byte selector a call would revert with (custom errors are not decoded by web3j), or
   * null when it would succeed.
   */
  public String revertSelector(String from, String to, String data) {
    try {
      EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data),
          DefaultBlockParameterName.LATEST).send();
      String revert = call.hasError() ? String.valueOf(call.getError().getData()) : call.getRevertReason();
      if (!call.hasError() && !call.isReverted()) {
        return null;
      }
      String hex = revert == null ? "" : revert.replace("\"", "");
      return hex.length() >= 10 ? hex.substring(0, 10) : hex;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key as configuration takes it ({@code tranche.chains.*.operator-key}): 0x and 64 hex digits. */
  public static String privateKeyHex(Credentials credentials) {
    return "0x" + String.format("%064x", credentials.getEcKeyPair().getPrivateKey());
  }

  /** The selector of a custom error, e.g. {@code PositionHealthy(bytes32,uint256)}. */
  public static String selector(String signature) {
    return org.web3j.crypto.Hash.sha3String(signature).substring(0, 10);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
