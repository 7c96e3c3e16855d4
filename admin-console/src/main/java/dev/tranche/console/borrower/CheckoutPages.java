package dev.tranche.console.borrower;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.bnpl.ProductCatalogue;
import dev.tranche.activities.support.Refusals;
import dev.tranche.bnpl.BillTerms;
import dev.tranche.bnpl.BillView;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.bnpl.CollateralPledge;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The hosted checkout a merchant sends its shopper to ({@code /checkout/{billId}}): the order, the pay-later
 * terms with their disclosure (what is owed, by when, the cost if paid on time and after), an explicit
 * consent, and the confirmation through the bill's workflow (the same update as the API). Confirmed, the
 * shopper goes back to the merchant's success URL; a bill another shopper confirmed is "not found".
 */
@Controller
class CheckoutPages {

  /** The disclosure box: pay {@code amount} by {@code dueDate}; after it, {@code daily} a day at {@code apr}. */
  record Disclosure(Money amount, LocalDate dueDate, Money financeChargeOnTime, Money totalOnTime, String apr,
      Money daily, int graceDays) {
  }

  private final Bills bills;
  private final ProductCatalogue products;
  private final WorkflowClient temporal;

  CheckoutPages(Bills bills, ProductCatalogue products, WorkflowClient temporal) {
    this.bills = bills;
    this.products = products;
    this.temporal = temporal;
  }

  @GetMapping("/checkout/{id}")
  String checkout(@PathVariable UUID id, Authentication auth, Model model, HttpServletResponse response) {
    Optional<Bills.Bill> bill = visible(id, auth);
    model.addAttribute("user", auth.getName());
    if (bill.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "borrower/missing";
    }
    BillTerms terms = products.billTerms(bill.get().productCode(), bill.get().productVersion());
    Money amount = bill.get().amount();
    LocalDate due = bill.get().dueDate() != null ? bill.get().dueDate()
        : terms.dueDate(LocalDate.now(ZoneOffset.UTC));
    model.addAttribute("bill", bill.get());
    model.addAttribute("secured", terms.lpTokenCollateral());
    model.addAttribute("pledge", bills.pledge(id.toString()).orElse(null));
    model.addAttribute("disclosure", new Disclosure(amount, due, Money.zero(amount.currency()), amount,
        terms.lateInterestApr().movePointRight(2).stripTrailingZeros().toPlainString() + " %",
        terms.dailyLateInterest(amount), terms.gracePeriodDays()));
    return "borrower/checkout";
  }

  @PostMapping("/checkout/{id}/confirmation")
  String confirm(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean consent,
      @RequestParam(required = false) String walletAddress, Authentication auth, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Optional<Bills.Bill> bill = visible(id, auth);
    if (bill.isEmpty()) {
      model.addAttribute("user", auth.getName());
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "borrower/missing";
    }
    if (!consent) {
      redirect.addFlashAttribute("refusal", "Tick the box to agree to the terms.");
      return "redirect:/checkout/" + id;
    }
    boolean secured = products.billTerms(bill.get().productCode(), bill.get().productVersion()).lpTokenCollateral();
    String wallet = walletAddress == null ? "" : walletAddress.strip();
    if (secured && !wallet.matches("^0x[0-9a-fA-F]{40}$")) {
      redirect.addFlashAttribute("refusal", "Enter the wallet address your LP tokens come from (0x and 40 hex digits).");
      return "redirect:/checkout/" + id;
    }
    try {
      BillWorkflow workflow = temporal.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(id.toString()));
      BillView view = secured ? workflow.confirmWithCollateral(new CollateralPledge(auth.getName(), wallet))
          : workflow.confirm(auth.getName());
      if ("CAPTURED".equals(view.status().name())) {
        return "redirect:" + bill.get().successUrl();
      }
      if ("AWAITING_COLLATERAL".equals(view.status().name())) {
        return "redirect:/checkout/" + id;
      }
      redirect.addFlashAttribute("refusal", "Pay later is not available for this order: the shopper limit is reached.");
    } catch (WorkflowUpdateException refused) {
      redirect.addFlashAttribute("refusal", "This checkout cannot be confirmed: " + Refusals.reason(refused) + ".");
    }
    return "redirect:/checkout/" + id;
  }

  /** An open session is any signed-in shopper's to take; once taken, only its shopper's. */
  private Optional<Bills.Bill> visible(UUID id, Authentication auth) {
    return bills.find(id.toString()).filter(b -> b.shopper() == null || b.shopper().equals(auth.getName()));
  }
}
