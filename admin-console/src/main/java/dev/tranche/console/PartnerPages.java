package dev.tranche.console;

import dev.tranche.activities.partner.PartnerDesk;
import dev.tranche.activities.partner.PartnerDirectory;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Partners for admins: onboarding, each partner, its key rotation (the new key shown once, as the API does), and the
 * CRM writebacks and webhook deliveries made to them.
 */
@Controller
class PartnerPages {

  private final PartnerDesk desk;
  private final PartnerDirectory directory;
  private final Validator validator;

  PartnerPages(PartnerDesk desk, PartnerDirectory directory, Validator validator) {
    this.desk = desk;
    this.directory = directory;
    this.validator = validator;
  }

  /**
   * Onboards a partner through the same {@link PartnerDirectory} and rules as {@code POST /admin/partners}; its
   * first API key is shown once. A refused form is shown again with each problem, without the secrets.
   */
  @PostMapping("/console/partners")
  String onboard(@RequestParam Map<String, String> form, Authentication auth, Model model,
      HttpServletResponse response, RedirectAttributes flash) {
    Map<String, String> errors = new TreeMap<>();
    Integer rate = null;
    String typedRate = form.getOrDefault("ratePerMinute", "").strip();
    if (!typedRate.isEmpty()) {
      try {
        rate = Integer.valueOf(typedRate);
      } catch (NumberFormatException e) {
        errors.put("ratePerMinute", "must be a whole number");
      }
    }
    var partner = new PartnerDirectory.NewPartner(trimmed(form, "id"), trimmed(form, "name"),
        trimmed(form, "crmBaseUrl"), form.get("crmToken"), trimmed(form, "webhookUrl"), form.get("webhookSecret"), rate);
    for (ConstraintViolation<PartnerDirectory.NewPartner> v : validator.validate(partner)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    if (errors.isEmpty() && directory.exists(partner.id())) {
      errors.put("id", "partner " + partner.id() + " already exists");
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", errors);
      model.addAttribute("draft", new PartnerDirectory.NewPartner(partner.id(), partner.name(), partner.crmBaseUrl(),
          null, partner.webhookUrl(), null, rate));
      return partners(auth, model);
    }
    flash.addFlashAttribute("newKey", directory.create(partner, auth.getName()));
    flash.addFlashAttribute("keyPartner", partner.id());
    return "redirect:/console/partners";
  }

  private static String trimmed(Map<String, String> form, String field) {
    String value = form.get(field);
    return value == null ? null : value.strip();
  }

  @GetMapping("/console/partners")
  String partners(Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("partners", desk.partners());
    model.addAttribute("deliveries", desk.deliveries(50));
    model.addAttribute("writebacks", desk.writebacks(50));
    return "console/partners";
  }

  @PostMapping("/console/partners/{partnerId}/api-keys")
  String rotate(@PathVariable String partnerId, Authentication auth, RedirectAttributes flash) {
    if (!directory.exists(partnerId)) {
      flash.addFlashAttribute("refusal", "There is no partner " + partnerId + ".");
    } else {
      flash.addFlashAttribute("newKey", directory.rotateKey(partnerId, auth.getName()));
      flash.addFlashAttribute("keyPartner", partnerId);
    }
    return "redirect:/console/partners";
  }
}
