package dev.tranche.console;

import dev.tranche.activities.servicing.Portfolio;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portfolio for ops and admins: the same read model as {@code /api/v1/portfolio} and the trial balance. */
@Controller
class PortfolioPages {

  private final Portfolio portfolio;

  PortfolioPages(Portfolio portfolio) {
    this.portfolio = portfolio;
  }

  @GetMapping("/console/portfolio")
  String portfolio(Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("asOf", LocalDate.now(ZoneOffset.UTC));
    model.addAttribute("funnel", portfolio.funnel());
    model.addAttribute("buckets", portfolio.delinquency());
    model.addAttribute("decisions", portfolio.decisions());
    model.addAttribute("rollRates", portfolio.rollRates());
    model.addAttribute("stages", portfolio.collectionsByStage());
    model.addAttribute("losses", portfolio.losses());
    model.addAttribute("trialBalance", portfolio.trialBalanceByFamily());
    return "console/portfolio";
  }
}
