package dev.tranche.activities.partner;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface PartnerRepository extends Repository<PartnerRow, String> {

  Optional<PartnerRow> findById(String id);

  boolean existsById(String id);

  /** Creates the partner once: a repeat (a seed applied by two processes at once) changes nothing. */
  @Modifying
  @Query("""
      insert into partners (id, name, crm_base_url, crm_token_ciphertext, webhook_url, webhook_secret_ciphertext,
        rate_per_minute)
      values (:id, :name, :crmBaseUrl, :crmToken, :webhookUrl, :webhookSecret, :rate)
      on conflict (id) do nothing""")
  void insertIfAbsent(@Param("id") String id, @Param("name") String name, @Param("crmBaseUrl") String crmBaseUrl,
      @Param("crmToken") byte[] crmTokenCiphertext, @Param("webhookUrl") String webhookUrl,
      @Param("webhookSecret") byte[] webhookSecretCiphertext, @Param("rate") int ratePerMinute);
}
