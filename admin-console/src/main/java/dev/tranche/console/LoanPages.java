package dev.tranche.console;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.servicing.LoanFile;
import dev.tranche.common.WorkflowIds;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.LoanStatement;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A loan for ops: its terms, every schedule version, the live statement (the servicing workflow's
 * query), its ledger postings and its collection cases, from the same read model as {@code GET /loans/{id}}.
 */
@Controller
class LoanPages {

  private final LoanFile loans;
  private final ObjectProvider<WorkflowClient> temporal;
  private final AuditLog audit;

  LoanPages(LoanFile loans, ObjectProvider<WorkflowClient> temporal, AuditLog audit) {
    this.loans = loans;
    this.temporal = temporal;
    this.audit = audit;
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
    model.addAttribute("statement", statement(loanId));
    return "console/loan";
  }

  /** The servicing workflow's statement, or null once it no longer runs (a paid-off or charged-off loan). */
  private LoanStatement statement(UUID loanId) {
    try {
      return temporal.getObject().newWorkflowStub(LoanServicingWorkflow.class, WorkflowIds.loan(loanId.toString()))
          .statement();
    } catch (RuntimeException notRunning) {
      return null;
    }
  }
}
