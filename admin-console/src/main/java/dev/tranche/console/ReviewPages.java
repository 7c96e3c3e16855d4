package dev.tranche.console;

import dev.tranche.activities.review.ReviewDesk;
import dev.tranche.activities.review.ReviewEvidence;
import dev.tranche.activities.support.Refusals;
import dev.tranche.activities.support.Refused;
import dev.tranche.decision.ReasonCatalog;
import dev.tranche.review.ReviewAction;
import dev.tranche.review.ReviewDecision;
import dev.tranche.review.Verdict;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue and a review's page: the evidence an underwriter decides on and the claim, release
 * and decision forms, each going through the review workflow's updates exactly as the API does (the
 * workflow's validator decides; a refusal is shown in its own words).
 */
@Controller
class ReviewPages {

  private final ReviewDesk desk;
  private final ReviewEvidence evidence;

  ReviewPages(ReviewDesk desk, ReviewEvidence evidence) {
    this.desk = desk;
    this.evidence = evidence;
  }

  @GetMapping("/console/reviews")
  String queue(@RequestParam(defaultValue = "priority") String sort, Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    String order = ReviewDesk.SORTS.containsKey(sort) ? sort : "priority";
    model.addAttribute("sort", order);
    model.addAttribute("items", desk.queue(ReviewDesk.UNDECIDED, order));
    return "console/reviews";
  }

  @GetMapping("/console/reviews/{applicationId}")
  String review(@PathVariable UUID applicationId, Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    var item = desk.find(applicationId);
    if (item.isEmpty()) {
      model.addAttribute("applicationId", applicationId);
      return "console/review-missing";
    }
    model.addAttribute("item", item.get());
    model.addAttribute("evidence", evidence.of(applicationId).orElse(null));
    model.addAttribute("declineReasons", ReasonCatalog.codes().stream()
        .map(code -> new Reason(code, ReasonCatalog.describe(code).orElse(code))).toList());
    return "console/review";
  }

  /** A reason an underwriter can give, with the words a borrower would read. */
  record Reason(String code, String words) {
  }

  @PostMapping("/console/reviews/{applicationId}/claim")
  String claim(@PathVariable UUID applicationId, Authentication auth, RedirectAttributes flash) {
    return act(applicationId, flash, "Claimed.", review -> review.claim(action(auth)));
  }

  @PostMapping("/console/reviews/{applicationId}/release")
  String release(@PathVariable UUID applicationId, Authentication auth, RedirectAttributes flash) {
    return act(applicationId, flash, "Released to the queue.", review -> review.release(action(auth)));
  }

  @PostMapping("/console/reviews/{applicationId}/decision")
  String decide(@PathVariable UUID applicationId, @RequestParam Verdict verdict,
      @RequestParam(name = "reasonCodes", required = false) List<String> reasonCodes,
      @RequestParam(required = false) String notes, Authentication auth, RedirectAttributes flash) {
    if (verdict == Verdict.EXPIRED || verdict == Verdict.COUNTER_OFFER) {
      flash.addFlashAttribute("refusal", "Choose approve or decline here; a counter-offer goes through the API.");
      return "redirect:/console/reviews/" + applicationId;
    }
    List<String> codes = reasonCodes == null ? List.of() : reasonCodes.stream().filter(c -> !c.isBlank())
        .map(String::trim).toList();
    return act(applicationId, flash, "Decision recorded: " + verdict + ".", review -> review.decide(
        new ReviewDecision(auth.getName(), verdict, codes, notes == null || notes.isBlank() ? null : notes,
            roles(auth), null, null)));
  }

  private String act(UUID applicationId, RedirectAttributes flash, String done,
      Consumer<dev.tranche.review.ManualReviewWorkflow> action) {
    try {
      action.accept(desk.open(applicationId));
      flash.addFlashAttribute("notice", done);
    } catch (Refused notOpen) {
      flash.addFlashAttribute("refusal", notOpen.getMessage());
    } catch (WorkflowUpdateException refused) {
      flash.addFlashAttribute("refusal", "Refused: " + Refusals.reason(refused));
    }
    return "redirect:/console/reviews/" + applicationId;
  }

  private static ReviewAction action(Authentication auth) {
    return new ReviewAction(auth.getName(), roles(auth));
  }

  private static List<String> roles(Authentication auth) {
    return auth.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList();
  }
}
