package dev.tranche.activities.partner;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A one-time borrower link as stored: looked up by the token's hash, the token itself encrypted. */
@Table("borrower_links")
record BorrowerLinkRow(@Id String tokenHash, byte[] tokenCiphertext, UUID applicationId, Instant expiresAt,
    Instant usedAt) {
}
