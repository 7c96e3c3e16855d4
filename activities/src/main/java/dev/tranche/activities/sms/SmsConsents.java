package dev.tranche.activities.sms;

import dev.tranche.activities.audit.AuditLog;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A phone's consent to texts: STOP opts out, START opts back in; the send path honours it. */
@Component
public class SmsConsents {

  private final JdbcClient jdbc;
  private final AuditLog audit;

  public SmsConsents(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Records the phone's choice (audited under the masked number). */
  @Transactional
  public void record(String phone, boolean optedOut, String keyword) {
    jdbc.sql("""
            insert into sms_consents (phone, opted_out) values (?, ?)
            on conflict (phone) do update set opted_out = excluded.opted_out, updated_at = now()""")
        .params(phone, optedOut).update();
    String masked = "***" + phone.substring(Math.max(0, phone.length() - 4));
    audit.record("sms:" + masked, optedOut ? "SMS_OPTED_OUT" : "SMS_OPTED_IN", "phone", masked,
        Map.of("keyword", keyword));
  }
}
