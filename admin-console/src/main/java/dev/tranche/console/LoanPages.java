package dev.tranche.console;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.LiquidationDesk;
import dev.tranche.activities.chain.PositionHistory;
import dev.tranche.activities.support.Refused;
import dev.tranche.activities.servicing.LoanFile;
import java.util.Map;
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
 * A loan for ops: its terms, every schedule version, the live statement (the servicing workflow's
 * query), its ledger postings and its collection cases, from the same read model as {@code GET /loans/{id}};
 * for a collateralised loan its position over time (health factor and price, as the monitor read them) and
 * the liquidation trigger.
 */
@Controller
class LoanPages {

  private final LoanFile loans;
  private final AuditLog audit;
  private final LiquidationDesk liquidations;
  private final PositionHistory positions;

  LoanPages(LoanFile loans, AuditLog audit, LiquidationDesk liquidations,
      PositionHistory positions) {
    this.loans = loans;
    this.audit = audit;
    this.liquidations = liquidations;
    this.positions = positions;
  }

  @GetMapping("/console/loans/{loanId}")
  String loan(@PathVariable UUID loanId, Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    var loan = loans.find(loanId);
    if (loan.isEmpty()) {
      model.addAttribute("loanId", loanId);
      return "console/loan-missing";
    }
    audit.record(auth.getName(), "LOAN_READ", "loan", loanId.toString(), Map.of("via", "console"));
    model.addAttribute("loan", loan.get());
    model.addAttribute("schedules", loans.schedules(loan.get()));
    model.addAttribute("postings", loans.postings(loanId));
    model.addAttribute("cases", loans.collectionCases(loanId));
    model.addAttribute("statement", loans.statement(loanId).orElse(null));
    boolean collateralised = liquidations.liquidatable(loanId);
    model.addAttribute("collateralised", collateralised);
    model.addAttribute("readings", collateralised ? positions.readings(loanId.toString(), 120) : java.util.List.of());
    return "console/loan";
  }

  /**
   * Ops trigger the loan's liquidation through the same {@link LiquidationDesk} as the API, after confirming
   * and giving a reason, which the audit log keeps.
   */
  @PostMapping("/console/loans/{loanId}/liquidation")
  String liquidate(@PathVariable UUID loanId, @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "false") boolean confirm, Authentication auth, RedirectAttributes flash) {
    String why = reason == null ? "" : reason.strip();
    if (!confirm || why.isEmpty() || why.length() > 500) {
      flash.addFlashAttribute("refusal", "Nothing was started: give a reason (at most 500 characters) and tick"
          + " the confirmation.");
      return "redirect:/console/loans/" + loanId;
    }
    try {
      var outcome = liquidations.trigger(loanId, why, auth.getName());
      flash.addFlashAttribute("notice", outcome == LiquidationDesk.Outcome.STARTED
          ? "Liquidation started: liquidation-" + loanId + "." : "A liquidation of this loan is already running.");
    } catch (Refused refused) {
      flash.addFlashAttribute("refusal", "Refused: " + refused.getMessage() + ".");
    }
    return "redirect:/console/loans/" + loanId;
  }
}
