package dev.tranche.activities.partner;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A CRM partner as stored: its CRM token and webhook secret encrypted. */
@Table("partners")
record PartnerRow(@Id String id, String name, String crmBaseUrl, byte[] crmTokenCiphertext, String webhookUrl,
    byte[] webhookSecretCiphertext, int ratePerMinute) {
}
