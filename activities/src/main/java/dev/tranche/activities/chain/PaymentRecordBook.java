package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.PaymentRecord;
import dev.tranche.chain.PaymentRecorded;
import dev.tranche.common.FailureType;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.PaymentReceipts;
import io.temporal.failure.ApplicationFailure;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The receipts contract's side of a payment record: the call signed once under {@code receipt:{ledgerKey}}
 * ({@code record(loanKey, keccak256(ledgerKey), amount in minor units, currency)}), and its outcome booked once.
 */
final class PaymentRecordBook {

  private final ChainNodes nodes;
  private final ChainSigner signer;
  private final JdbcClient jdbc;
  private final AuditLog audit;

  PaymentRecordBook(ChainNodes nodes, ChainSigner signer, JdbcClient jdbc, AuditLog audit) {
    this.nodes = nodes;
    this.signer = signer;
    this.jdbc = jdbc;
    this.audit = audit;
  }

  ChainTx submit(PaymentRecord payment) {
    String address = nodes.config(payment.chain()).receiptsAddress();
    if (address == null || address.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + payment.chain() + " has no receipts contract",
          FailureType.CHAIN_MISCONFIGURED.name());
    }
    Chain chain = nodes.chain(payment.chain());
    PaymentReceipts receipts = PaymentReceipts.load(address, chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), nodes.operator(payment.chain()).getAddress()), chain.gas());
    int minor = payment.amount().currency().getDefaultFractionDigits();
    String data = receipts.record(LocalDeployment.loanKey(payment.loanId()),
        Numeric.hexStringToByteArray(PoolBook.receipt(payment.ledgerKey())),
        payment.amount().amount().setScale(minor, RoundingMode.UNNECESSARY).movePointRight(minor).toBigIntegerExact(),
        payment.amount().currency().getCurrencyCode()).encodeFunctionCall();
    return signer.sendCall(payment.chain(), payment.loanId(), "receipt:" + payment.ledgerKey(), address, data);
  }

  void book(PaymentRecorded recorded) {
    PaymentRecord p = recorded.record();
    int inserted = jdbc.sql("""
            insert into payment_records (ledger_key, loan_id, chain, receipt, amount, currency, tx_hash, block_number,
                status) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (ledger_key) do nothing""")
        .params(p.ledgerKey(), UUID.fromString(p.loanId()), p.chain(), PoolBook.receipt(p.ledgerKey()),
            p.amount().amount(), p.amount().currency().getCurrencyCode(), recorded.txHash(), recorded.block(),
            recorded.succeeded() ? "MINED" : "REVERTED")
        .update();
    if (inserted > 0) {
      audit.record("system:chain", recorded.succeeded() ? "PAYMENT_RECORDED" : "PAYMENT_RECORD_REVERTED", "loan",
          p.loanId(), Map.of("ledgerKey", p.ledgerKey(), "tx", recorded.txHash()));
    }
  }
}
