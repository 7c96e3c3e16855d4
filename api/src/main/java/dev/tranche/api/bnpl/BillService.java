package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.bnpl.BnplProperties;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import dev.tranche.bnpl.BillView;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.bnpl.CollateralPledge;
import dev.tranche.bnpl.Refund;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Checkout sessions, refunds and confirmations: the bill book first, then the bill's workflow. */
@Service
class BillService {

  private final Bills bills;
  private final Idempotency idempotency;
  private final TransactionTemplate tx;
  private final WorkflowClient temporal;
  private final BnplProperties properties;
  private final PoolDesk pools;

  BillService(Bills bills, Idempotency idempotency, TransactionTemplate tx, WorkflowClient temporal,
      BnplProperties properties, PoolDesk pools) {
    this.pools = pools;
    this.bills = bills;
    this.idempotency = idempotency;
    this.tx = tx;
    this.temporal = temporal;
    this.properties = properties;
  }

  /** The bill of a new (or repeated) checkout session, and whether this call opened it. */
  record Opened(Bills.Bill bill, boolean created) {
  }

  Opened open(String merchantId, Bills.NewCheckout checkout, String idempotencyKey, String requestHash) {
    Bills.Created created = tx.execute(status -> {
      if (idempotencyKey != null) {
        String candidate = UUID.randomUUID().toString();
        Optional<String> repeat = idempotency.claim("checkout:" + merchantId, idempotencyKey, requestHash, candidate);
        if (repeat.isPresent()) {
          return new Bills.Created(repeat.get(), false);
        }
        Bills.Created opened = bills.open(merchantId, checkout);
        idempotency.rebind("checkout:" + merchantId, idempotencyKey, opened.billId());
        return opened;
      }
      return bills.open(merchantId, checkout);
    });
    Bills.Bill bill = bills.find(created.billId()).orElseThrow();
    if ("OPEN".equals(bill.status())) {
      bills.start(bill.billId());
    }
    return new Opened(bill, created.created());
  }

  /** The bill live from its workflow, or null when the workflow is gone (the stored row answers then). */
  BillView live(String billId) {
    try {
      return temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId)).view();
    } catch (WorkflowNotFoundException | WorkflowServiceException gone) {
      return null;
    }
  }

  BillView confirm(String billId, String shopper) {
    return temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId)).confirm(shopper);
  }

  BillView confirmWithCollateral(String billId, CollateralPledge pledge) {
    return temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId)).confirmWithCollateral(pledge);
  }

  BillView refund(String billId, Refund refund) {
    return temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId)).refund(refund);
  }

  /** The bill's pool movements on chain, or null for a bill Tranche funds from its own cash. */
  List<PoolDesk.Movement> onChain(Bills.Bill bill) {
    return bill.funding() != null && bill.funding().startsWith("POOL:") ? pools.movements(bill.billId()) : null;
  }

  String checkoutUrl(String billId) {
    return properties.checkoutBaseUrl() + "/checkout/" + billId;
  }

  /** A bill the caller may see: a merchant its own, a shopper theirs (or an open session), ops any. */
  Bills.Bill visible(String billId, Predicate<Bills.Bill> allowed) {
    return bills.find(billId).filter(allowed).orElseThrow(() -> ApiProblem.notFound("bill " + billId));
  }
}
