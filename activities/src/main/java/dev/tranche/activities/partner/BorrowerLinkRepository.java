package dev.tranche.activities.partner;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface BorrowerLinkRepository extends Repository<BorrowerLinkRow, String> {

  Optional<BorrowerLinkRow> findById(String tokenHash);

  Optional<BorrowerLinkRow> findByApplicationId(UUID applicationId);

  /** Marks the link used, unless it was used or expired first: false then (a race loses here). */
  @Modifying
  @Query("""
      update borrower_links set used_at = now()
       where token_hash = :tokenHash and used_at is null and expires_at > now()""")
  boolean consume(@Param("tokenHash") String tokenHash);
}
