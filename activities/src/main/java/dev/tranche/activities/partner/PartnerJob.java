package dev.tranche.activities.partner;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The partner's job an invited application finances: one application per (partner, job). */
@Table("partner_jobs")
public record PartnerJob(@Id UUID applicationId, String partnerId, String crmCustomerId, String jobId,
    String jobDescription, BigDecimal estimateAmount, String currency) {
}
