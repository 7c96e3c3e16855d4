package dev.tranche.activities.partner;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A partner API key as stored: its SHA-256 and first characters only; no expiry until it is rotated out. */
@Table("partner_api_keys")
record PartnerApiKeyRow(@Id String keyHash, String partnerId, String prefix, Instant expiresAt) {

  boolean live(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }
}
