package dev.tranche.activities.sms;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A phone's consent to texts. */
@Table("sms_consents")
record SmsConsentRow(@Id String phone, boolean optedOut) {
}
