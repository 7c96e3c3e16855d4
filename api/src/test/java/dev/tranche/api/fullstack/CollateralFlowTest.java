package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.chain.LiquidationOutcome;
import dev.tranche.chain.LiquidationWorkflow;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.Chain;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.springframework.beans.factory.annotation.Autowired;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The collateralised product over HTTP against anvil: deposit, wallet disbursement, a price drop the
 * monitor acts on, the liquidation on-chain, its ledger postings and the loan closed; an application
 * whose deposit never comes expires; bad input is refused and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(7)
class CollateralFlowTest extends FullStackTest {

  private static final BigInteger WAD = BigInteger.TEN.pow(18);

  @Autowired WorkflowClient temporal;

  private static Map<String, Object> collateralised(String wallet, String payout) {
    Map<String, Object> body = application("111-11-1111");
    Map<String, Object> collateral = new LinkedHashMap<>();
    collateral.put("chain", "local");
    collateral.put("walletAddress", wallet);
    collateral.put("payout", payout);
    body.put("collateral", collateral);
    return body;
  }

  /** Submits, waits for the offers and accepts the first; returns the offer accepted. */
  private JsonNode applyAndAccept(String borrower, Map<String, Object> body) {
    String token = token(borrower, "BORROWER");
    var submitted = http.post("/api/v1/applications", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.json().path("applicationId").asString();
    awaitApplication(id, token, status("OFFERED"));
    JsonNode offer = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").get(0);
    var accepted = http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offer.path("offerId").asString(), "signatureName", "Ada Prime"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    JsonNode waiting = awaitApplication(id, token, status("AWAITING_COLLATERAL", "EXPIRED", "FAILED"));
    assertThat(waiting.path("status").asString()).isEqualTo("AWAITING_COLLATERAL");
    ((tools.jackson.databind.node.ObjectNode) offer).put("applicationId", id);
    return offer;
  }

  private BigDecimal balance(String account) {
    BigDecimal balance = jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = ?""")
        .param(account).query(BigDecimal.class).single();
    return balance;
  }

  private long liquidatedEvents(Chain chain, LocalDeployment contracts, String loanId) throws Exception {
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        contracts.vault().getContractAddress());
    filter.addSingleTopic(EventEncoder.encode(CollateralVault.LIQUIDATED_EVENT));
    filter.addSingleTopic(Numeric.toHexString(LocalDeployment.loanKey(loanId)));
    return chain.web3j().ethGetLogs(filter).send().getLogs().size();
  }

  @Test
  @Order(1)
  void deposit_then_wallet_disbursement_then_a_price_drop_liquidates_books_and_closes_the_loan() throws Exception {
    Chain chain = FullStack.chain();
    LocalDeployment contracts = FullStack.contracts();
    contracts.setPrice(2000);
    Credentials wallet = chain.fundedAccount();
    contracts.fundBorrower(chain, wallet, BigInteger.TEN.multiply(WAD));
    String borrower = "collateral-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");

    JsonNode offer = applyAndAccept(borrower, collateralised(Keys.toChecksumAddress(wallet.getAddress()), "WALLET"));
    String id = offer.path("applicationId").asString();
    BigDecimal principal = amount(offer.path("principal"));
    JsonNode requirement = awaitHttp(() -> http.get("/api/v1/applications/" + id + "/collateral", token),
        r -> r.status() == 200).json();
    assertThat(http.get("/api/v1/applications/" + id + "/collateral", token("stranger", "BORROWER")).status())
        .isEqualTo(404);
    String loanId = requirement.path("loanId").asString();
    BigInteger required = new BigInteger(requirement.path("requiredWei").asString());
    // 111 % of the principal at 2,000 USD per token, rounded up to the wei.
    assertThat(required).isEqualTo(principal.multiply(new BigDecimal("1.11")).movePointRight(18)
        .divide(new BigDecimal(2000), 0, RoundingMode.CEILING).toBigIntegerExact());
    assertThat(requirement.path("vaultAddress").asString()).isEqualToIgnoringCase(contracts.vault().getContractAddress());
    assertThat(requirement.path("status").asString()).isEqualTo("AWAITING_DEPOSIT");
    assertThat(requirement.path("positionKey").asString())
        .isEqualTo(Numeric.toHexString(LocalDeployment.loanKey(loanId)));

    // The position was registered for the borrower's wallet before the borrower was asked: dust from
    // anyone else cannot claim it first.
    Credentials griefer = chain.fundedAccount();
    contracts.fundBorrower(chain, griefer, BigInteger.ONE);
    assertThat(chain.revertSelector(griefer.getAddress(), contracts.vault().getContractAddress(),
        contracts.vault().deposit(LocalDeployment.loanKey(loanId), BigInteger.ONE).encodeFunctionCall()))
        .isEqualTo(dev.tranche.contracts.Chain.selector("NotBorrower(bytes32,address)"));
    contracts.deposit(chain, wallet, loanId, required);
    JsonNode funded = awaitApplication(id, token, status("FUNDED", "FAILED", "EXPIRED"));
    assertThat(funded.path("status").asString()).as(funded.toString()).isEqualTo("FUNDED");
    assertThat(jdbc.sql("select product_code || ' v' || product_version from loans where id = ?::uuid").param(loanId)
        .query(String.class).single()).isEqualTo("COLLATERALISED_INSTALLMENT_LOAN v1");
    assertThat(funded.path("loanId").asString()).isEqualTo(loanId);
    assertThat(http.get("/api/v1/applications/" + id + "/collateral", token).json().path("status").asString())
        .isEqualTo("DEPOSITED");
    assertThat(contracts.vault().position(LocalDeployment.loanKey(loanId)).send().status).isEqualTo(BigInteger.TWO);
    // Paid in the stablecoin (6 decimals) to the borrower's wallet: the net proceeds, booked once.
    BigDecimal net = principal.subtract(amount(offer.path("originationFee")));
    assertThat(contracts.stablecoin().balanceOf(wallet.getAddress()).send())
        .isEqualTo(net.movePointRight(6).toBigIntegerExact());
    assertThat(count("ledger_transfers where idempotency_key = 'payout:" + loanId + "'")).isEqualTo(1);

    // The market falls 25 %: HF 0.83. The feed listener sees the new round and the chain's price watcher, in one
    // batched read of the open positions, starts the liquidation (the monitor only texts margin calls).
    contracts.setPrice(1500);
    awaitHttp(() -> http.get("/api/v1/loans/" + loanId + "/statement", token),
        r -> r.status() == 200 && !"ACTIVE".equals(r.json().path("status").asString()));
    var started = temporal.fetchHistory(dev.tranche.common.WorkflowIds.liquidation(loanId)).getEvents().getFirst()
        .getWorkflowExecutionStartedEventAttributes().getInput();
    assertThat(temporal.getOptions().getDataConverter().fromPayloads(0, java.util.Optional.of(started),
        dev.tranche.chain.LiquidationRequest.class, dev.tranche.chain.LiquidationRequest.class).reason())
        .startsWith("health factor 0.8").contains("at price round");
    assertThat(temporal.fetchHistory(dev.tranche.common.WorkflowIds.collateralMonitor(loanId)).toJson(false))
        .doesNotContain("StartLiquidation");
    // Ops find the chain's watcher in the explorer, and its history with the sweeps.
    String ops = token("ops-1", "OPS");
    assertThat(http.get("/api/v1/ops/workflows?type=PriceWatchWorkflow", ops).text()).contains("price-watch-local");
    var watcherHistory = http.get("/api/v1/ops/workflows/price-watch-local/history", ops);
    assertThat(watcherHistory.status()).as(watcherHistory.text()).isEqualTo(200);
    assertThat(watcherHistory.text()).contains("SweepPositions");

    assertThat(liquidatedEvents(chain, contracts, loanId)).as("one Liquidated event").isEqualTo(1);
    // Everything is seized (1.1 × debt is worth more than the deposit at 1,500): proceeds = deposit × 1,500.
    BigDecimal proceeds = new BigDecimal(required).multiply(new BigDecimal(1500)).movePointLeft(18)
        .setScale(2, RoundingMode.DOWN);
    assertThat(jdbc.sql("select proceeds_usd from liquidations where loan_id = ?::uuid").param(loanId)
        .query(BigDecimal.class).single()).isEqualByComparingTo(proceeds);
    assertThat(count("ledger_transfers where idempotency_key = 'liquidation:" + loanId + "'")).isEqualTo(1);
    assertThat(awaitHttp(() -> http.get("/actuator/prometheus", token("ops-1", "OPS")),
        r -> r.text().contains("tranche_liquidations{")).text()).contains("chain=\"local\"");
    assertThat(count("ledger_transfers where idempotency_key = 'payment:liquidation:" + loanId + "'")).isEqualTo(1);
    // The loan was funded on chain (to the wallet): its payment is on the record, found by its ledger hash alone.
    String receipt = org.web3j.crypto.Hash.sha3String("payment:liquidation:" + loanId);
    JsonNode recorded = awaitHttp(() -> http.get("/api/v1/loans/" + loanId, token),
        r -> r.json().path("paymentRecords").toString().contains("MINED")).json().path("paymentRecords").path(0);
    assertThat(recorded.path("receipt").asString()).isEqualTo(receipt);
    assertThat(recorded.path("amount").decimalValue()).isEqualByComparingTo(proceeds);
    EthFilter byHash = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        contracts.receipts().getContractAddress());
    byHash.addSingleTopic(EventEncoder.encode(dev.tranche.contracts.generated.PaymentReceipts.PAYMENTRECORDED_EVENT));
    byHash.addSingleTopic(Numeric.toHexString(LocalDeployment.loanKey(loanId)));
    byHash.addSingleTopic(receipt);
    var logs = chain.web3j().ethGetLogs(byHash).send().getLogs();
    assertThat(logs).hasSize(1);
    assertThat(((org.web3j.protocol.core.methods.response.Log) ((org.web3j.protocol.core.methods.response.EthLog
        .LogResult<?>) logs.getFirst()).get()).getTransactionHash()).isEqualTo(recorded.path("txHash").asString());
    assertThat(contracts.receipts().loanOf(Numeric.hexStringToByteArray(receipt)).send())
        .isEqualTo(LocalDeployment.loanKey(loanId));
    // The proceeds left suspense for the loan; they fell short of it, so the deficiency was charged off.
    assertThat(balance("suspense:liquidation-proceeds")).isEqualByComparingTo("0.00");
    JsonNode statement = http.get("/api/v1/loans/" + loanId + "/statement", token).json();
    assertThat(statement.path("status").asString()).isEqualTo("CHARGED_OFF");
    assertThat(balance("loan:" + loanId + ":principal")).isEqualByComparingTo("0.00");
    assertThat(http.get("/api/v1/applications/" + id + "/collateral", token).json().path("status").asString())
        .isEqualTo("LIQUIDATED");

    // A later trigger (ops) runs the workflow again: it reads the chain, finds the position
    // liquidated and only books it, which is already done. Nothing more on-chain or in the ledger.
    var again = http.post("/api/v1/ops/loans/" + loanId + "/liquidation", token("ops-1", "OPS"),
        Map.of("reason", "double check"));
    assertThat(again.status()).as(again.text()).isEqualTo(202);
    assertThat(WorkflowStub.fromTyped(temporal.newWorkflowStub(LiquidationWorkflow.class,
        WorkflowIds.liquidation(loanId))).getResult(LiquidationOutcome.class).outcome()).isEqualTo("ALREADY_LIQUIDATED");
    assertThat(liquidatedEvents(chain, contracts, loanId)).isEqualTo(1);
    assertThat(count("ledger_transfers where idempotency_key like '%liquidation:" + loanId + "'")).isEqualTo(2);
    // Every position on the chain was below 1.0 at 1,500 (those of earlier tests too, deposited at the same
    // 111 %): the same sweep liquidated each, and none is left deposited when the price recovers.
    long deadline = System.currentTimeMillis() + 60_000;
    while (count("collateral_requirements where chain = 'local' and status = 'DEPOSITED'") > 0
        && System.currentTimeMillis() < deadline) {
      sleep(250);
    }
    assertThat(jdbc.sql("select loan_id::text from collateral_requirements where chain = 'local' and status = 'DEPOSITED'")
        .query(String.class).list()).as("positions left deposited at 1,500").isEmpty();
    contracts.setPrice(2000);
  }

  @Test
  @Order(2)
  void bad_collateral_input_is_refused_and_writes_nothing_and_no_deposit_in_time_expires() {
    String borrower = "collateral-bad-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    long applications = count("applications");
    String good = Keys.toChecksumAddress(FullStack.chain().fundedAccount().getAddress());
    String badChecksum = "0x" + flipCase(good.substring(2));
    for (Map<String, Object> body : java.util.List.of(collateralised("0x1234", "BANK"),
        collateralised(badChecksum, "BANK"), collateralised(good, "CASH"))) {
      assertThatProblem(http.post("/api/v1/applications", token, body), 400);
    }
    Map<String, Object> unknownChain = collateralised(good, "BANK");
    ((Map<String, Object>) unknownChain.get("collateral")).put("chain", "mainnet");
    assertThatProblem(http.post("/api/v1/applications", token, unknownChain), 400);
    assertThat(count("applications")).isEqualTo(applications);

    String ops = token("ops-1", "OPS");
    assertThatProblem(http.post("/api/v1/ops/loans/" + UUID.randomUUID() + "/liquidation", ops,
        Map.of("reason", "test")), 404);
    assertThat(http.post("/api/v1/ops/loans/" + UUID.randomUUID() + "/liquidation", token,
        Map.of("reason", "test")).status()).isEqualTo(403);
    assertThat(http.get("/api/v1/applications/" + UUID.randomUUID() + "/collateral", token).status()).isEqualTo(404);

    // Accepted, but the deposit never comes: the application expires when the window (15 s here) closes.
    JsonNode offer = applyAndAccept(borrower, collateralised(good.toLowerCase(java.util.Locale.ROOT), "BANK"));
    String id = offer.path("applicationId").asString();
    long deadline = System.currentTimeMillis() + 60_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < deadline) {
      last = http.get("/api/v1/applications/" + id, token).json();
      if (status("EXPIRED", "FUNDED", "FAILED").test(last)) {
        break;
      }
      sleep(250);
    }
    assertThat(last.path("status").asString()).as(String.valueOf(last)).isEqualTo("EXPIRED");
    assertThat(last.path("reasonCodes").toString()).contains("COLLATERAL_NOT_DEPOSITED");
    assertThat(count("loans where application_id = '" + id + "'")).isZero();
  }

  private static String flipCase(String hex) {
    StringBuilder flipped = new StringBuilder();
    boolean done = false;
    for (char c : hex.toCharArray()) {
      if (!done && Character.isLetter(c)) {
        flipped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        done = true;
      } else {
        flipped.append(c);
      }
    }
    return flipped.toString();
  }
}
