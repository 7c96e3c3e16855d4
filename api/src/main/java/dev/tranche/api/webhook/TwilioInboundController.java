package dev.tranche.api.webhook;

import com.twilio.security.RequestValidator;
import dev.tranche.activities.sms.SmsConsents;
import dev.tranche.activities.support.TrancheProperties;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's inbound SMS webhook, its {@code X-Twilio-Signature} checked with Twilio's own validator.
 * STOP (and its synonyms) opts the number out of collection and marketing texts; START opts back in.
 * Every consent change is audited.
 */
@RestController
class TwilioInboundController {

  private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
  private static final Set<String> START = Set.of("START", "UNSTOP", "YES");

  private final RequestValidator validator;
  private final SmsConsents consents;

  TwilioInboundController(TrancheProperties properties, SmsConsents consents) {
    this.validator = new RequestValidator(properties.twilio().authToken());
    this.consents = consents;
  }

  @Operation(summary = "Twilio's inbound SMS webhook (STOP, HELP, START), checked with Twilio's signature")
  @PostMapping(path = "/api/v1/webhooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> inbound(HttpServletRequest request,
      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
    Map<String, String> params = new TreeMap<>();
    request.getParameterMap().forEach((k, v) -> params.put(k, v.length == 0 ? "" : v[0]));
    String url = request.getRequestURL().toString();
    if (signature == null || !validator.validate(url, params, signature)) {
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", "the Twilio signature does not match");
    }
    String from = params.getOrDefault("From", "");
    String word = params.getOrDefault("Body", "").trim().toUpperCase(Locale.ROOT);
    if (!from.matches("^\\+[1-9][0-9]{7,14}$")) {
      throw ApiProblem.badRequest("From must be an E.164 number");
    }
    Boolean optOut = STOP.contains(word) ? Boolean.TRUE : START.contains(word) ? Boolean.FALSE : null;
    if (optOut != null) {
      consents.record(from, optOut, word);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body("<Response/>");
  }
}
