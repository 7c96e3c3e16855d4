package dev.tranche.activities.partner;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface PartnerApiKeyRepository extends Repository<PartnerApiKeyRow, String> {

  Optional<PartnerApiKeyRow> findById(String keyHash);

  /** Stores a key once: a repeat (a seed applied by two processes at once) changes nothing. */
  @Modifying
  @Query("""
      insert into partner_api_keys (key_hash, partner_id, prefix) values (:keyHash, :partnerId, :prefix)
      on conflict do nothing""")
  void insertIfAbsent(@Param("keyHash") String keyHash, @Param("partnerId") String partnerId,
      @Param("prefix") String prefix);

  /** Keys of the partner still live in {@code hours} (or forever) now expire then: a rotation's grace period. */
  @Modifying
  @Query("""
      update partner_api_keys set expires_at = now() + make_interval(hours => :hours)
       where partner_id = :partnerId and (expires_at is null or expires_at > now() + make_interval(hours => :hours))""")
  int expireWithin(@Param("partnerId") String partnerId, @Param("hours") int hours);
}
