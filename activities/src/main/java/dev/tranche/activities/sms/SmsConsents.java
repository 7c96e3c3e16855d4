package dev.tranche.activities.sms;

import dev.tranche.activities.audit.AuditLog;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A phone's consent to texts: STOP opts out, START opts back in; the send path honours it. */
@Component
public class SmsConsents {

  private final SmsConsentRepository consents;
  private final AuditLog audit;

  SmsConsents(SmsConsentRepository consents, AuditLog audit) {
    this.consents = consents;
    this.audit = audit;
  }

  /** Whether the phone opted out of texts (no choice recorded: it did not). */
  public boolean optedOut(String phone) {
    return consents.findById(phone).map(SmsConsentRow::optedOut).orElse(false);
  }

  /** Records the phone's choice (audited under the masked number). */
  @Transactional
  public void record(String phone, boolean optedOut, String keyword) {
    consents.record(phone, optedOut);
    String masked = "***" + phone.substring(Math.max(0, phone.length() - 4));
    audit.record("sms:" + masked, optedOut ? "SMS_OPTED_OUT" : "SMS_OPTED_IN", "phone", masked,
        Map.of("keyword", keyword));
  }
}
