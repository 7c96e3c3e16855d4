package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.activities.bnpl.ProductCatalogue;
import dev.tranche.activities.support.Refused;
import dev.tranche.bnpl.BillTerms;
import dev.tranche.bnpl.CollateralPledge;
import dev.tranche.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper's side of a checkout (BORROWER token): the terms with their disclosure, the confirmation,
 * and the shopper's bills afterwards.
 */
@RestController
class CheckoutController {

  /**
   * What the shopper is asked to agree to: pay {@code amount} by {@code dueDate} (if confirmed today) at no
   * cost; after it, interest at {@code lateInterestApr} a year, charged daily on what is unpaid.
   */
  record CheckoutTerms(String billId, String merchant, String orderReference, String status, Money amount,
      int gracePeriodDays, LocalDate dueDateIfConfirmedToday, BigDecimal lateInterestApr, Money dailyLateInterest,
      Money financeChargeIfPaidOnTime, Money totalOfPaymentsIfPaidOnTime, String product, int productVersion,
      String successUrl, String cancelUrl) {
  }

  /** The confirmed bill, and where the shopper goes next. */
  record Confirmed(BillAnswer bill, String redirectUrl) {
  }

  private final BillService service;
  private final Bills bills;
  private final ProductCatalogue products;
  private final BusinessClock clock;

  CheckoutController(BillService service, Bills bills, ProductCatalogue products, BusinessClock clock) {
    this.service = service;
    this.bills = bills;
    this.products = products;
    this.clock = clock;
  }

  @Operation(summary = "A checkout session's terms and their disclosure, for the shopper (BORROWER)")
  @GetMapping("/api/v1/checkout-sessions/{billId}")
  CheckoutTerms terms(@PathVariable String billId, Authentication auth) {
    Bills.Bill bill = shopperMay(billId, auth);
    BillTerms terms = terms(bill);
    Money zero = Money.zero(bill.amount().currency());
    return new CheckoutTerms(bill.billId(), bill.merchantName(), bill.orderReference(), bill.status(), bill.amount(),
        terms.gracePeriodDays(), terms.dueDate(clock.today()), terms.lateInterestApr(),
        terms.dailyLateInterest(bill.amount()), zero, bill.amount(), bill.productCode(), bill.productVersion(),
        bill.successUrl(), bill.cancelUrl());
  }

  /** A secured bill's confirmation names the wallet the pledged LP tokens come from. */
  record Confirmation(@Pattern(regexp = "^0x[0-9a-fA-F]{40}$",
      message = "must be a 20-byte hex address (0x + 40 hex digits)") String walletAddress) {
  }

  @Operation(summary = "The shopper confirms the checkout: captured, declined, or (a bill secured by LP tokens, with"
      + " walletAddress) waiting for the pledge (BORROWER)")
  @PostMapping("/api/v1/checkout-sessions/{billId}/confirmation")
  Confirmed confirm(@PathVariable String billId, @Valid @RequestBody(required = false) Confirmation confirmation,
      Authentication auth) {
    Bills.Bill bill = shopperMay(billId, auth);
    String wallet = confirmation == null ? null : confirmation.walletAddress();
    var view = wallet == null ? service.confirm(billId, auth.getName())
        : service.confirmWithCollateral(billId, new CollateralPledge(auth.getName(), wallet));
    Bills.Bill stored = bills.find(billId).orElseThrow();
    BillAnswer answer = BillAnswer.of(stored, view, null, false, null, bills.pledge(billId).orElse(null));
    String next = "CAPTURED".equals(answer.status()) ? bill.successUrl()
        : "AWAITING_COLLATERAL".equals(answer.status()) ? null : bill.cancelUrl();
    return new Confirmed(answer, next);
  }

  @Operation(summary = "The signed-in shopper's bills (BORROWER)")
  @GetMapping("/api/v1/bills")
  List<BillAnswer> mine(Authentication auth) {
    return bills.ofShopper(auth.getName()).stream().map(b -> BillAnswer.of(b, null, null, false)).toList();
  }

  @Operation(summary = "One bill, live: the shopper's own, or any for OPS and ADMIN")
  @GetMapping("/api/v1/bills/{billId}")
  BillAnswer bill(@PathVariable String billId, Authentication auth) {
    boolean staff = auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_OPS")
        || a.getAuthority().equals("ROLE_ADMIN"));
    Bills.Bill bill = service.visible(billId, b -> staff || auth.getName().equals(b.shopper()));
    return BillAnswer.of(bill, service.live(billId), null, staff, service.onChain(bill),
        bills.pledge(billId).orElse(null));
  }

  /** An open session is anyone's to see and confirm; once confirmed, only its shopper's. */
  private Bills.Bill shopperMay(String billId, Authentication auth) {
    Bills.Bill bill = service.visible(billId, b -> b.shopper() == null || b.shopper().equals(auth.getName()));
    if ("EXPIRED".equals(bill.status())) {
      throw Refused.gone("the checkout session has expired");
    }
    return bill;
  }

  private BillTerms terms(Bills.Bill bill) {
    return products.billTerms(bill.productCode(), bill.productVersion());
  }
}
