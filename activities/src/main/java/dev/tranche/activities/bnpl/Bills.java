package dev.tranche.activities.bnpl;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Refused;
import dev.tranche.bnpl.BillRequest;
import dev.tranche.bnpl.BillTerms;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.bnpl.Settlement;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bill book: checkout sessions opened (row first, then the bill's workflow by its business id) and
 * what merchants, shoppers and ops read of bills and settlements.
 */
@Component
public class Bills {

  /** A checkout a merchant asks for, already validated. */
  public record NewCheckout(Money amount, String orderReference, String successUrl, String cancelUrl,
      String productCode) {
  }

  /** A bill as stored (the read model its workflow keeps). */
  public record Bill(String billId, String merchantId, String merchantName, String orderReference, Money amount,
      Money merchantFee, String productCode, int productVersion, String status, String shopper,
      String paymentReference, Instant expiresAt, LocalDate capturedOn, LocalDate dueDate, Money refunded,
      Money paid, Money lateInterest, Money outstanding, String settlementId, String successUrl, String cancelUrl,
      String funding) {
  }

  private final JdbcClient jdbc;
  private final ProductCatalogue products;
  private final AuditLog audit;
  private final ObjectProvider<WorkflowClient> temporal;
  private final BnplProperties properties;

  Bills(JdbcClient jdbc, ProductCatalogue products, AuditLog audit, ObjectProvider<WorkflowClient> temporal,
      BnplProperties properties) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.products = products;
    this.audit = audit;
    this.temporal = temporal;
  }

  /**
   * Stores an OPEN bill for the checkout (inside the caller's transaction) and returns its id; a checkout
   * for an order reference the merchant already used returns that bill's id instead when it is the same
   * checkout, and is refused when it is not.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Created open(String merchantId, NewCheckout c) {
    BillTerms terms = products.billTerms(c.productCode());
    if (!terms.accepts(c.amount())) {
      throw new IllegalArgumentException("amount: " + terms.productCode() + " lends " + terms.minAmount()
          .toPlainString() + " to " + terms.maxAmount().toPlainString() + " " + terms.currency());
    }
    Optional<Bill> same = jdbc.sql("select id from bills where merchant_id = ? and order_reference = ?")
        .params(merchantId, c.orderReference()).query(UUID.class).optional().flatMap(id -> find(id.toString()));
    if (same.isPresent()) {
      Bill b = same.get();
      if (b.amount().compareTo(c.amount()) != 0 || !b.successUrl().equals(c.successUrl())
          || !b.cancelUrl().equals(c.cancelUrl())) {
        throw Refused.conflict("order " + c.orderReference() + " already has a checkout with other terms");
      }
      return new Created(b.billId(), false);
    }
    String billId = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into bills (id, merchant_id, order_reference, amount, currency, product_code, product_version,
                merchant_fee, success_url, cancel_url, status, payment_reference, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
        .params(UUID.fromString(billId), merchantId, c.orderReference(), c.amount().amount(),
            c.amount().currency().getCurrencyCode(), terms.productCode(), terms.productVersion(),
            terms.merchantFee(c.amount()).amount(), c.successUrl(), c.cancelUrl(), paymentReference(billId),
            Timestamp.from(Instant.now().plusSeconds(terms.checkoutMinutes() * 60L)))
        .update();
    audit.record("merchant:" + merchantId, "CHECKOUT_OPENED", "bill", billId,
        Map.of("orderReference", c.orderReference(), "amount", c.amount().toString()));
    return new Created(billId, true);
  }

  /** The id of the bill opened, and whether this call opened it. */
  public record Created(String billId, boolean created) {
  }

  /** Starts {@code bill-{billId}} with the terms of the product version it was opened under; a repeat is a no-op. */
  public void start(String billId) {
    start(billId, temporal.getObject());
  }

  /** As above, through {@code client}. */
  public void start(String billId, WorkflowClient client) {
    Bill bill = find(billId).orElseThrow(() -> Refused.notFound("bill " + billId));
    BillTerms terms = ProductCatalogue.billTerms(products.version(bill.productCode(), bill.productVersion())
        .orElseThrow());
    BillWorkflow workflow = client.newWorkflowStub(BillWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.bill(billId)).setTaskQueue(TaskQueues.SERVICING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    try {
      WorkflowClient.start(workflow::run, new BillRequest(billId, bill.merchantId(), bill.orderReference(),
          bill.amount(), bill.paymentReference(), terms,
          terms.lpTokenCollateral() ? properties.collateralChain() : null));
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // Started by the first call: the bill carries on.
    }
  }

  public Optional<Bill> find(String billId) {
    UUID id;
    try {
      id = UUID.fromString(billId);
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " where b.id = ?").param(id).query(Bills::bill).optional();
  }

  /** The merchant's bills, newest first. */
  public List<Bill> ofMerchant(String merchantId, int limit) {
    return jdbc.sql(SELECT + " where b.merchant_id = ? order by b.created_at desc limit ?").params(merchantId, limit)
        .query(Bills::bill).list();
  }

  /** The shopper's bills, newest first. */
  public List<Bill> ofShopper(String shopper) {
    return jdbc.sql(SELECT + " where b.shopper = ? order by b.created_at desc limit 100").param(shopper)
        .query(Bills::bill).list();
  }

  /** The bill a payment reference names, if any. */
  public Optional<String> billOfReference(String paymentReference) {
    return jdbc.sql("select id from bills where payment_reference = ?").param(paymentReference).query(UUID.class)
        .optional().map(UUID::toString);
  }

  /** The merchant's settlement batches, newest first. */
  public List<Settlement> settlements(String merchantId) {
    return jdbc.sql(SETTLEMENTS + " where merchant_id = ? order by business_date desc limit 100").param(merchantId)
        .query(Bills::settlement).list();
  }

  static final String SETTLEMENTS = """
      select id, merchant_id, business_date, bills, gross, fees, refunds, net, currency, status, payout_id
        from settlements""";

  static Settlement settlement(ResultSet rs, int n) throws SQLException {
    String currency = rs.getString(9);
    return new Settlement(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4),
        Money.of(rs.getBigDecimal(5), currency), Money.of(rs.getBigDecimal(6), currency),
        Money.of(rs.getBigDecimal(7), currency), Money.of(rs.getBigDecimal(8), currency), rs.getString(10),
        rs.getString(11));
  }

  /** A secured bill's pledge: what is asked of the shopper's wallet, and where it stands. */
  public record Pledge(String chain, String vaultAddress, String tokenAddress, String walletAddress,
      String requiredUnits, String depositedUnits, String status, String proceeds) {
  }

  public Optional<Pledge> pledge(String billId) {
    return jdbc.sql("""
            select chain, vault_address, token_address, wallet_address, required_units::text, deposited_units::text,
                   status, proceeds::text from bill_collateral where bill_id = ?""")
        .param(UUID.fromString(billId))
        .query((rs, n) -> new Pledge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
        .optional();
  }

  /** A bill's payment reference: {@code TB} and the first 12 hex digits of its id (a loan's starts {@code TR}). */
  public static String paymentReference(String billId) {
    return "TB" + billId.replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
  }

  private static final String SELECT = """
      select b.id, b.merchant_id, m.name, b.order_reference, b.amount, b.currency, b.merchant_fee, b.product_code,
             b.product_version, b.status, b.shopper, b.payment_reference, b.expires_at, b.captured_on, b.due_date,
             b.refunded, b.paid, b.late_interest, b.outstanding, b.settlement_id, b.success_url, b.cancel_url,
             b.funding
        from bills b join merchants m on m.id = b.merchant_id""";

  private static Bill bill(ResultSet rs, int n) throws SQLException {
    String currency = rs.getString(6);
    return new Bill(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Money.of(rs.getBigDecimal(5), currency), Money.of(rs.getBigDecimal(7), currency), rs.getString(8), rs.getInt(9),
        rs.getString(10), rs.getString(11), rs.getString(12), rs.getTimestamp(13).toInstant(),
        rs.getObject(14, LocalDate.class), rs.getObject(15, LocalDate.class), Money.of(rs.getBigDecimal(16), currency),
        Money.of(rs.getBigDecimal(17), currency), Money.of(rs.getBigDecimal(18), currency),
        Money.of(rs.getBigDecimal(19), currency), rs.getString(20), rs.getString(21), rs.getString(22),
        rs.getString(23));
  }

}
