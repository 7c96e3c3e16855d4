package dev.tranche.activities.servicing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

public interface LoanRepository extends Repository<LoanRow, UUID> {

  Optional<LoanRow> findById(UUID id);
}
