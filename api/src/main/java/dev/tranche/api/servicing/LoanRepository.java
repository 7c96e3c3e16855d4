package dev.tranche.api.servicing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface LoanRepository extends Repository<LoanRow, UUID> {

  Optional<LoanRow> findById(UUID id);
}
