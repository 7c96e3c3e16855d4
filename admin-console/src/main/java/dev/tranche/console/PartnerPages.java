package dev.tranche.console;

import dev.tranche.activities.partner.PartnerDesk;
import dev.tranche.activities.partner.PartnerDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Partners for admins: each partner, its key rotation (the new key shown once, as the API does), and the
 * CRM writebacks and webhook deliveries made to them.
 */
@Controller
class PartnerPages {

  private final PartnerDesk desk;
  private final PartnerDirectory directory;

  PartnerPages(PartnerDesk desk, PartnerDirectory directory) {
    this.desk = desk;
    this.directory = directory;
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
