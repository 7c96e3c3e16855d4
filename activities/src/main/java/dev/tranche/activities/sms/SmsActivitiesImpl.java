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
 * Sends texts through Twilio, once per idempotency key: the message SID is stored under the key
 * as soon as Twilio accepts it, and a retry finds it there.
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
    var sent = jdbc.sql("select provider_sid from sms_messages where idempotency_key = ?")
        .param(sms.idempotencyKey()).query(String.class).optional();
    if (sent.isPresent()) {
      return sent.get();
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
    Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create(twilio);
    record(sms, message.getSid(), String.valueOf(message.getStatus()), businessTime);
    return message.getSid();
  }

  private void record(Sms sms, String sid, String status, java.sql.Timestamp businessTime) {
    jdbc.sql("""
            insert into sms_messages (idempotency_key, application_id, template, provider_sid, status, business_time)
            values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
        .params(sms.idempotencyKey(), UUID.fromString(sms.applicationId()), sms.template(), sid, status, businessTime)
        .update();
  }
}
