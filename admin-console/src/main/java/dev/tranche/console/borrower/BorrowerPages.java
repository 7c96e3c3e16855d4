package dev.tranche.console.borrower;

import dev.tranche.activities.application.ApplicationReads;
import dev.tranche.activities.application.OfferAcceptance;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.chain.CollateralReads;
import dev.tranche.activities.servicing.LoanFile;
import dev.tranche.activities.servicing.LoanRow;
import dev.tranche.activities.servicing.RailSandbox;
import dev.tranche.activities.support.Refusals;
import dev.tranche.activities.support.Refused;
import dev.tranche.offer.Agreement;
import io.temporal.client.WorkflowUpdateException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in borrower's pages: their applications, one application followed live to funding (offers with
 * their Truth in Lending box, e-signature, the collateral deposit with its EIP-681 payment URIs), their loan
 * with its schedule and statement, and, in the embedded run, a payment through the payment rail sandbox. Each
 * page shows only the borrower's own: another's application or loan is "not found", as on the API.
 */
@Controller
class BorrowerPages {

  /** Statuses in which nothing waits for the borrower: the page refreshes itself until one changes. */
  private static final Set<String> WAITING = Set.of("INVITED", "SUBMITTED", "VERIFYING", "IN_REVIEW", "ACCEPTED",
      "AWAITING_COLLATERAL", "FUNDING", "NEEDS_ATTENTION");

  /** One offer as the page shows it: its disclosure's payment runs, and the agreement with its SHA-256. */
  record OfferCard(ApplicationReads.OfferView offer, List<Run> schedule, String agreement, String agreementSha256) {
  }

  /** {@code count} payments of {@code amount}, the first due {@code firstDue}. */
  record Run(int count, String amount, String firstDue) {
  }

  /** The collateral deposit: EIP-681 URIs to approve the vault and to deposit, each with its QR code. */
  record Deposit(CollateralReads.CollateralView requirement, String approveUri, String approveQr, String depositUri,
      String depositQr) {
  }

  private final ApplicationReads applications;
  private final OfferAcceptance acceptance;
  private final CollateralReads collateral;
  private final ChainProperties chains;
  private final LoanFile loans;
  private final ObjectProvider<RailSandbox> transfers;

  BorrowerPages(ApplicationReads applications, OfferAcceptance acceptance, CollateralReads collateral,
      ChainProperties chains, LoanFile loans, ObjectProvider<RailSandbox> transfers) {
    this.applications = applications;
    this.acceptance = acceptance;
    this.collateral = collateral;
    this.chains = chains;
    this.loans = loans;
    this.transfers = transfers;
  }

  @GetMapping({"/me", "/me/"})
  String home(Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("applications", applications.ofBorrower(auth.getName()));
    return "borrower/home";
  }

  @GetMapping("/me/applications/{id}")
  String application(@PathVariable UUID id, Authentication auth, Model model, HttpServletResponse response) {
    return own(id, auth, model) ? "borrower/application" : missing(response);
  }

  /** The live part of the application page, polled by htmx while the borrower waits. */
  @GetMapping("/me/applications/{id}/progress")
  String progress(@PathVariable UUID id, Authentication auth, Model model, HttpServletResponse response) {
    return own(id, auth, model) ? "borrower/application :: progress" : missing(response);
  }

  @PostMapping("/me/applications/{id}/acceptance")
  String accept(@PathVariable UUID id, @RequestParam String offerId, @RequestParam(required = false) String signatureName,
      @RequestParam(defaultValue = "false") boolean consent, Authentication auth, HttpServletRequest request,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    if (!own(id, auth, model)) {
      return missing(response);
    }
    String name = signatureName == null ? "" : signatureName.strip();
    String refusal = !consent ? "Tick the box to agree to sign electronically."
        : name.isEmpty() ? "Type your full name to sign."
        : name.length() > 200 ? "Your name must be at most 200 characters." : null;
    if (refusal == null) {
      try {
        acceptance.accept(id, offerId, new OfferAcceptance.Signer(auth.getName(), name, request.getRemoteAddr(),
            request.getHeader("User-Agent")));
        redirect.addFlashAttribute("notice", "Signed.");
        return "redirect:/me/applications/" + id;
      } catch (Refused alreadySigned) {
        refusal = "You have already signed another offer.";
      } catch (WorkflowUpdateException refused) {
        refusal = "This offer cannot be accepted: " + Refusals.reason(refused) + ".";
      }
    }
    redirect.addFlashAttribute("refusal", refusal);
    redirect.addFlashAttribute("refusedOffer", offerId);
    return "redirect:/me/applications/" + id;
  }

  @GetMapping("/me/loans/{id}")
  String loan(@PathVariable UUID id, Authentication auth, Model model, HttpServletResponse response) {
    Optional<LoanRow> loan = loans.find(id).filter(l -> l.borrowerId().equals(auth.getName()));
    model.addAttribute("user", auth.getName());
    if (loan.isEmpty()) {
      return missing(response);
    }
    model.addAttribute("loan", loan.get());
    model.addAttribute("schedule", loans.currentSchedule(loan.get()));
    model.addAttribute("statement", loans.statement(id).orElse(null));
    model.addAttribute("canPay", transfers.getIfAvailable() != null);
    return "borrower/loan";
  }

  @PostMapping("/me/loans/{id}/payments")
  String pay(@PathVariable UUID id, @RequestParam String amount, Authentication auth, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    Optional<LoanRow> loan = loans.find(id).filter(l -> l.borrowerId().equals(auth.getName()));
    RailSandbox rail = transfers.getIfAvailable();
    if (loan.isEmpty() || rail == null) {
      model.addAttribute("user", auth.getName());
      return missing(response);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(amount.replace(",", "").strip());
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.signum() <= 0 || value.scale() > 2 || value.compareTo(new BigDecimal("1000000")) > 0) {
      redirect.addFlashAttribute("refusal", "Enter an amount such as 250.00 (at most two decimals).");
      return "redirect:/me/loans/" + id;
    }
    try {
      rail.send(loan.get().paymentReference(), value.setScale(2), loan.get().currency());
      redirect.addFlashAttribute("notice", "Payment of " + value.setScale(2) + " " + loan.get().currency()
          + " sent with reference " + loan.get().paymentReference() + ".");
    } catch (IllegalStateException e) {
      redirect.addFlashAttribute("refusal", "The payment could not be sent: " + e.getMessage());
    }
    return "redirect:/me/loans/" + id;
  }

  /** Another's application or loan is not found, as one that does not exist. */
  private static String missing(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return "borrower/missing";
  }

  /** Fills the model with the borrower's application; false when it is not theirs (or does not exist). */
  private boolean own(UUID id, Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    var application = applications.find(id).filter(a -> a.borrowerId().equals(auth.getName()));
    if (application.isEmpty()) {
      return false;
    }
    String status = application.get().status();
    model.addAttribute("app", application.get());
    model.addAttribute("waiting", WAITING.contains(status));
    var signature = applications.signature(id);
    model.addAttribute("signature", signature.orElse(null));
    if ("OFFERED".equals(status) && signature.isEmpty()) {
      List<OfferCard> cards = new ArrayList<>();
      for (var offer : applications.offers(id)) {
        String agreement = acceptance.agreement(id, offer.offerId()).orElse(null);
        cards.add(new OfferCard(offer, runs(offer.disclosure()), agreement,
            agreement == null ? null : Agreement.sha256(agreement)));
      }
      model.addAttribute("offers", cards);
    }
    if ("DECLINED".equals(status)) {
      model.addAttribute("adverseAction", applications.adverseAction(id).orElse(null));
    }
    collateral.requirement(id).ifPresent(requirement -> model.addAttribute("deposit", deposit(requirement)));
    return true;
  }

  private Deposit deposit(CollateralReads.CollateralView r) {
    var chain = chains.chains() == null ? null : chains.chains().get(r.chain());
    if (chain == null || r.tokenAddress() == null || r.vaultAddress() == null) {
      return new Deposit(r, null, null, null, null);
    }
    // EIP-681: ethereum:<contract>@<chainId>/<function>?<type>=<value>…
    String approve = "ethereum:" + r.tokenAddress() + "@" + chain.chainId() + "/approve?address=" + r.vaultAddress()
        + "&uint256=" + r.requiredWei();
    String deposit = "ethereum:" + r.vaultAddress() + "@" + chain.chainId() + "/deposit?bytes32=" + r.positionKey()
        + "&uint256=" + r.requiredWei();
    return new Deposit(r, approve, QrCodes.svg(approve, "QR code of the approval request"), deposit,
        QrCodes.svg(deposit, "QR code of the deposit request"));
  }

  private static List<Run> runs(JsonNode disclosure) {
    List<Run> runs = new ArrayList<>();
    if (disclosure != null) {
      for (JsonNode run : disclosure.path("paymentSchedule")) {
        JsonNode amount = run.path("amount");
        runs.add(new Run(run.path("count").asInt(),
            amount.isObject() ? amount.path("amount").asString() : amount.asString(), run.path("firstDue").asString()));
      }
    }
    return runs;
  }
}
