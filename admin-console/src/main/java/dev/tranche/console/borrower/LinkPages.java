package dev.tranche.console.borrower;

import dev.tranche.activities.application.Address;
import dev.tranche.activities.application.Consents;
import dev.tranche.activities.partner.LinkCompletion;
import dev.tranche.activities.partner.LinkSubmission;
import dev.tranche.activities.support.Refused;
import dev.tranche.common.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page the texted link opens ({@code /apply/{token}}): the application as the partner prefilled it, the
 * fields only the borrower can give and the consents. It completes the application through the same
 * {@link LinkCompletion} and the same validation rules ({@link LinkSubmission}) as the API, then signs the
 * borrower in for this browser session and follows the application on {@code /me/applications/{id}}.
 */
@Controller
class LinkPages {

  /** The form as typed: strings, so a wrong date or amount is an error beside its field, not a 400 page. */
  record ApplyForm(String dateOfBirth, String ssn, String line1, String city, String region, String postalCode,
      String country, String monthlyIncome, boolean creditPull, boolean esignDisclosure) {

    @Override
    public String toString() {
      return "ApplyForm[redacted]";
    }
  }

  /** Each field's label, to name it in the error summary. */
  static final Map<String, String> LABELS = Map.of("dateOfBirth", "Date of birth", "ssn", "Social Security number",
      "line1", "Street address", "city", "City", "region", "State", "postalCode", "ZIP code", "country", "Country",
      "monthlyIncome", "Monthly income", "creditPull", "Consents", "esignDisclosure", "Consents");

  /** The fields in the order the form shows them. */
  static final List<String> FIELDS = List.of("dateOfBirth", "ssn", "line1", "city", "region", "postalCode", "country",
      "monthlyIncome", "creditPull", "esignDisclosure");

  private final LinkCompletion links;
  private final Validator validator;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  LinkPages(LinkCompletion links, Validator validator) {
    this.links = links;
    this.validator = validator;
  }

  @GetMapping("/apply/{token}")
  String apply(@PathVariable String token, Model model, HttpServletResponse response) {
    return form(token, new ApplyForm(null, null, null, null, null, null, "US", null, false, false), Map.of(), model,
        response);
  }

  @PostMapping("/apply/{token}")
  String submit(@PathVariable String token, @RequestParam Map<String, String> typed, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    ApplyForm form = new ApplyForm(typed.get("dateOfBirth"), typed.get("ssn"), typed.get("line1"), typed.get("city"),
        typed.get("region"), typed.get("postalCode"), typed.get("country"), typed.get("monthlyIncome"),
        "true".equals(typed.get("creditPull")), "true".equals(typed.get("esignDisclosure")));
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate dateOfBirth = parse(form.dateOfBirth(), "dateOfBirth", errors, LocalDate::parse);
    BigDecimal income = parse(form.monthlyIncome(), "monthlyIncome", errors,
        text -> new BigDecimal(text.replace(",", "").trim()));
    LinkSubmission submission = new LinkSubmission(dateOfBirth, form.ssn() == null ? null : form.ssn().trim(),
        new Address(form.line1(), form.city(), form.region(), form.postalCode(), form.country()), income,
        new Consents(form.creditPull(), form.esignDisclosure()));
    for (ConstraintViolation<LinkSubmission> violation : validator.validate(submission)) {
      String path = violation.getPropertyPath().toString();
      String field = path.startsWith("address.") ? path.substring(8) : path.startsWith("consents.")
          ? path.substring(9) : path.equals("adult") ? "dateOfBirth" : path;
      // A blank field is said to be blank, not also to miss its pattern.
      boolean blank = violation.getConstraintDescriptor().getAnnotation() instanceof jakarta.validation.constraints.NotBlank
          || violation.getConstraintDescriptor().getAnnotation() instanceof jakarta.validation.constraints.NotNull;
      if (blank) {
        errors.put(field, violation.getMessage());
      } else {
        errors.putIfAbsent(field, violation.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      Map<String, String> inFormOrder = new LinkedHashMap<>();
      FIELDS.stream().filter(errors::containsKey).forEach(f -> inFormOrder.put(f, errors.get(f)));
      errors.clear();
      errors.putAll(inFormOrder);
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return form(token, form, errors, model, response);
    }
    LinkCompletion.Completed done;
    try {
      done = links.complete(token, submission.completion());
    } catch (Refused refused) {
      return refused(refused, model, response);
    }
    signIn(done.borrowerId(), request, response);
    return "redirect:/me/applications/" + done.applicationId();
  }

  private String form(String token, ApplyForm form, Map<String, String> errors, Model model,
      HttpServletResponse response) {
    LinkCompletion.Invitation invitation;
    try {
      invitation = links.invitation(token);
    } catch (Refused refused) {
      return refused(refused, model, response);
    }
    model.addAttribute("invitation", invitation);
    model.addAttribute("token", token);
    // The SSN is never sent back to the browser, even when the form is shown again.
    Map<String, String> values = new java.util.HashMap<>();
    values.put("dateOfBirth", form.dateOfBirth());
    values.put("line1", form.line1());
    values.put("city", form.city());
    values.put("region", form.region());
    values.put("postalCode", form.postalCode());
    values.put("country", form.country());
    values.put("monthlyIncome", form.monthlyIncome());
    model.addAttribute("values", values);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("labels", LABELS);
    return "borrower/apply";
  }

  private static String refused(Refused refused, Model model, HttpServletResponse response) {
    response.setStatus(switch (refused.why()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND.value();
      case CONFLICT -> HttpStatus.CONFLICT.value();
      case GONE -> HttpStatus.GONE.value();
    });
    model.addAttribute("refusal", refused.why().name());
    model.addAttribute("message", refused.getMessage());
    return "borrower/link-refused";
  }

  /** The borrower is who the link's application names: this browser session is now theirs. */
  private void signIn(String borrowerId, HttpServletRequest request, HttpServletResponse response) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(borrowerId, null,
        List.of(new SimpleGrantedAuthority("ROLE_" + Roles.BORROWER))));
    SecurityContextHolder.setContext(context);
    request.getSession(true);
    request.changeSessionId();
    sessions.saveContext(context, request, response);
  }

  private static <T> T parse(String text, String field, Map<String, String> errors,
      java.util.function.Function<String, T> parser) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parser.apply(text.trim());
    } catch (DateTimeParseException | NumberFormatException e) {
      errors.put(field, field.equals("dateOfBirth") ? "must be a date such as 1985-04-12" : "must be an amount such as 4200.00");
      return null;
    }
  }
}
