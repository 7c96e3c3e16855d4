package dev.tranche.activities.partner;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

public interface PartnerJobRepository extends Repository<PartnerJob, UUID> {

  Optional<PartnerJob> findByPartnerIdAndJobId(String partnerId, String jobId);
}
