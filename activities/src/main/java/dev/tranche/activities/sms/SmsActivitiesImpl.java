package dev.tranche.activities.sms;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.support.TrancheProperties;
import dev.tranche.common.FailureType;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends texts through Twilio, once per idempotency key. Twilio takes no idempotency key, so the key is claimed in
 * PostgreSQL before the send (status SENDING) and the message SID stored under it after: a retry finds the SID, and
 * a claim left SENDING (Twilio accepted the text but the SID could not be stored, e.g. PostgreSQL restarting) is not
 * sent again but recorded UNCONFIRMED. A send Twilio refused or never answered releases the claim, so the retry
 * sends. Texts are therefore at most once when both Twilio and PostgreSQL fail at the same moment.
 */
@Component("notificationActivities")
class SmsActivitiesImpl implements NotificationActivities {

  private final JdbcClient jdbc;
  private final SmsConsents consents;
  private final TwilioRestClient twilio;
  private final ApplicantStore applicants;
  private final String from;

  SmsActivitiesImpl(JdbcClient jdbc, SmsConsents consents, TwilioRestClient twilio, ApplicantStore applicants,
      TrancheProperties properties) {
    this.jdbc = jdbc;
    this.consents = consents;
    this.twilio = twilio;
    this.applicants = applicants;
    this.from = properties.twilio().fromNumber();
  }

  @Override
  public String sendSms(Sms sms) {
    var sent = jdbc.sql("select provider_sid from sms_messages where idempotency_key = ? and status <> 'SENDING'")
        .param(sms.idempotencyKey()).query(String.class).optional();
    if (sent.isPresent()) {
      return sent.get().isEmpty() ? "unconfirmed" : sent.get();
    }
    String to = applicants.phoneOf(sms.applicationId()).orElseThrow(() -> ApplicationFailure
        .newNonRetryableFailure("no applicant for " + sms.applicationId(), FailureType.NOT_FOUND.name()));
    java.sql.Timestamp businessTime = sms.params().containsKey("at")
        ? java.sql.Timestamp.from(java.time.Instant.parse(sms.params().get("at"))) : null;
    if (SmsTemplates.needsConsent(sms.template()) && consents.optedOut(to)) {
      // The borrower replied STOP: collection and marketing texts are recorded as suppressed, not sent.
      record(sms, "suppressed:" + sms.idempotencyKey(), "SUPPRESSED", businessTime);
      return "suppressed";
    }
    String body = SmsTemplates.render(sms.template(), sms.applicationId(), sms.params());
    if (!claim(sms, businessTime)) {
      // An earlier attempt claimed the key and may have sent the text: never twice.
      jdbc.sql("update sms_messages set status = 'UNCONFIRMED' where idempotency_key = ? and status = 'SENDING'")
          .param(sms.idempotencyKey()).update();
      return jdbc.sql("select provider_sid from sms_messages where idempotency_key = ?").param(sms.idempotencyKey())
          .query(String.class).optional().filter(sid -> !sid.isEmpty()).orElse("unconfirmed");
    }
    Message message;
    try {
      message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create(twilio);
    } catch (RuntimeException notSent) {
      jdbc.sql("delete from sms_messages where idempotency_key = ? and status = 'SENDING'")
          .param(sms.idempotencyKey()).update();
      throw notSent;
    }
    jdbc.sql("update sms_messages set provider_sid = ?, status = ? where idempotency_key = ?")
        .params(message.getSid(), String.valueOf(message.getStatus()), sms.idempotencyKey()).update();
    return message.getSid();
  }

  /** Claims the key before the send; false when a row for it exists already. */
  private boolean claim(Sms sms, java.sql.Timestamp businessTime) {
    return jdbc.sql("""
            insert into sms_messages (idempotency_key, application_id, template, provider_sid, status, business_time)
            values (?, ?, ?, '', 'SENDING', ?) on conflict (idempotency_key) do nothing""")
        .params(sms.idempotencyKey(), UUID.fromString(sms.applicationId()), sms.template(), businessTime)
        .update() == 1;
  }

  private void record(Sms sms, String sid, String status, java.sql.Timestamp businessTime) {
    jdbc.sql("""
            insert into sms_messages (idempotency_key, application_id, template, provider_sid, status, business_time)
            values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
        .params(sms.idempotencyKey(), UUID.fromString(sms.applicationId()), sms.template(), sid, status, businessTime)
        .update();
  }
}
