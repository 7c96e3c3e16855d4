package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.support.Json;
import dev.tranche.api.security.ApiKeys;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.api.web.Idempotency;
import dev.tranche.bnpl.Refund;
import dev.tranche.bnpl.Settlement;
import dev.tranche.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant API (merchant API key): checkout sessions, the merchant's bills and refunds, its settlement
 * batches. A key opens only its own merchant's door: another merchant's id, or another merchant's bill,
 * looks like it does not exist.
 */
@RestController
@RequestMapping("/api/v1/merchants/{merchantId}")
class MerchantController {

  /** An amount as a client sends it: a decimal in the currency's minor units. */
  record AmountInput(
      @NotNull @DecimalMin(value = "0.01") @Digits(integer = 9, fraction = 2) BigDecimal amount,
      @NotBlank @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency) {

    Money money() {
      return Money.of(amount, currency);
    }
  }

  /** {@code POST /checkout-sessions}: what the shopper is asked to pay later, and where to send them after. */
  record CheckoutRequest(
      @NotNull @Valid AmountInput amount,
      @NotBlank @Pattern(regexp = "^[A-Za-z0-9._:/-]{1,64}$",
          message = "must be 1 to 64 letters, digits or . _ : / -") String orderReference,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
      String successUrl,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
      String cancelUrl,
      @Pattern(regexp = "^[A-Z][A-Z0-9_]{2,40}$", message = "must be a product code such as BNPL_BILL")
      String product) {
  }

  /** {@code POST /bills/{billId}/refunds}. */
  record RefundRequest(@NotNull @Valid AmountInput amount, @Size(max = 200) String reason) {
  }

  private final BillService service;
  private final Bills bills;

  MerchantController(BillService service, Bills bills) {
    this.service = service;
    this.bills = bills;
  }

  @Operation(summary = "Opens a checkout session for an order; answers the hosted checkout URL (merchant API key;"
      + " Idempotency-Key, and an order reference opens one session)")
  @PostMapping("/checkout-sessions")
  ResponseEntity<BillAnswer> checkout(@PathVariable String merchantId, @Valid @RequestBody CheckoutRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    own(merchantId, auth);
    var opened = service.open(merchantId, new Bills.NewCheckout(request.amount().money(), request.orderReference(),
        request.successUrl(), request.cancelUrl(), request.product() == null ? "BNPL_BILL" : request.product()),
        idempotencyKey, Idempotency.hash(Json.MAPPER.writeValueAsString(request)));
    String billId = opened.bill().billId();
    return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/v1/merchants/" + merchantId + "/bills/" + billId))
        .body(BillAnswer.of(opened.bill(), null, service.checkoutUrl(billId), true));
  }

  @Operation(summary = "The merchant's bills, newest first (merchant API key)")
  @GetMapping("/bills")
  List<BillAnswer> bills(@PathVariable String merchantId,
      @RequestParam(name = "limit", defaultValue = "50") int limit, Authentication auth) {
    own(merchantId, auth);
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit must be 1 to 500");
    }
    return bills.ofMerchant(merchantId, limit).stream()
        .map(b -> BillAnswer.of(b, null, service.checkoutUrl(b.billId()), true)).toList();
  }

  @Operation(summary = "One of the merchant's bills, live (merchant API key)")
  @GetMapping("/bills/{billId}")
  BillAnswer bill(@PathVariable String merchantId, @PathVariable String billId, Authentication auth) {
    own(merchantId, auth);
    Bills.Bill bill = service.visible(billId, b -> b.merchantId().equals(merchantId));
    return BillAnswer.of(bill, service.live(billId), service.checkoutUrl(billId), true, service.onChain(bill),
        bills.pledge(billId).orElse(null));
  }

  @Operation(summary = "Refunds part or all of a captured bill: the shopper owes less and the merchant's next"
      + " settlement is reduced (merchant API key; Idempotency-Key names the refund)")
  @PostMapping("/bills/{billId}/refunds")
  BillAnswer refund(@PathVariable String merchantId, @PathVariable String billId,
      @Valid @RequestBody RefundRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    own(merchantId, auth);
    if (idempotencyKey == null || !idempotencyKey.matches("^[A-Za-z0-9._:-]{1,64}$")) {
      throw ApiProblem.badRequest("a refund needs an Idempotency-Key of 1 to 64 letters, digits or . _ : -");
    }
    Bills.Bill bill = service.visible(billId, b -> b.merchantId().equals(merchantId));
    if (!bill.amount().currency().getCurrencyCode().equals(request.amount().currency())) {
      throw ApiProblem.badRequest("amount.currency must be the bill's, " + bill.amount().currency());
    }
    var view = service.refund(billId, new Refund(idempotencyKey, request.amount().money(), request.reason()));
    return BillAnswer.of(bills.find(billId).orElseThrow(), view, service.checkoutUrl(billId), true);
  }

  @Operation(summary = "The merchant's settlement batches, newest first (merchant API key)")
  @GetMapping("/settlements")
  List<Settlement> settlements(@PathVariable String merchantId, Authentication auth) {
    own(merchantId, auth);
    return bills.settlements(merchantId);
  }

  private static void own(String merchantId, Authentication auth) {
    if (!merchantId.equals(ApiKeys.merchantId(auth))) {
      throw ApiProblem.notFound("merchant " + merchantId);
    }
  }
}
