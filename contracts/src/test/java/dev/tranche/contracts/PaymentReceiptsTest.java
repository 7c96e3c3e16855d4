package dev.tranche.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.contracts.generated.PaymentReceipts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.utils.Numeric;

/**
 * The receipts contract on anvil: a payment is recorded once per ledger hash, and anyone can find it from
 * the chain alone by filtering the PaymentRecorded event on that hash.
 */
class PaymentReceiptsTest {

  private static AnvilNode node;
  private static Chain chain;

  @BeforeAll
  static void startNode() {
    node = AnvilNode.start(31337, 0);
    chain = new Chain(node.rpcUrl());
  }

  @AfterAll
  static void stopNode() {
    chain.close();
    node.close();
  }

  @Test
  void a_payment_is_recorded_once_and_found_by_its_ledger_hash() throws Exception {
    Credentials recorder = chain.fundedAccount();
    Credentials stranger = chain.fundedAccount();
    PaymentReceipts receipts = PaymentReceipts.deploy(chain.web3j(), chain.signer(recorder), chain.gas(),
        recorder.getAddress(), recorder.getAddress()).send();
    byte[] loanId = LocalDeployment.loanKey("6f1c2a8e-3b7d-4c55-9e21-0a4b5c6d7e8f");
    byte[] ledgerHash = Hash.sha3("payment:bank-1".getBytes(StandardCharsets.UTF_8));
    receipts.record(loanId, ledgerHash, BigInteger.valueOf(25_000), "USD").send();

    assertThat(receipts.isRecorded(ledgerHash).send()).isTrue();
    assertThat(chain.revertSelector(recorder.getAddress(), receipts.getContractAddress(),
        receipts.record(loanId, ledgerHash, BigInteger.ONE, "USD").encodeFunctionCall()))
        .isEqualTo(Chain.selector("AlreadyRecorded(bytes32)"));
    assertThat(chain.revertSelector(stranger.getAddress(), receipts.getContractAddress(),
        receipts.record(loanId, Hash.sha3(new byte[] {1}), BigInteger.ONE, "USD").encodeFunctionCall()))
        .isEqualTo(Chain.selector("AccessControlUnauthorizedAccount(address,bytes32)"));

    // A partner holding only the ledger hash and the contract address finds the payment.
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        receipts.getContractAddress());
    filter.addSingleTopic(EventEncoder.encode(PaymentReceipts.PAYMENTRECORDED_EVENT));
    filter.addNullTopic();
    filter.addSingleTopic(Numeric.toHexString(ledgerHash));
    List<EthLog.LogResult<?>> logs = chain.web3j().ethGetLogs(filter).send().getLogs();
    assertThat(logs).hasSize(1);
    EthLog.LogObject log = (EthLog.LogObject) logs.getFirst().get();
    assertThat(log.getTopics().get(1)).isEqualTo(Numeric.toHexString(loanId));
    assertThat(Numeric.toBigInt(log.getData().substring(0, 66))).isEqualTo(BigInteger.valueOf(25_000));
  }
}
