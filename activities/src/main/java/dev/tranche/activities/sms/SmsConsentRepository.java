package dev.tranche.activities.sms;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface SmsConsentRepository extends Repository<SmsConsentRow, String> {

  Optional<SmsConsentRow> findById(String phone);

  /** The phone's latest choice wins. */
  @Modifying
  @Query("""
      insert into sms_consents (phone, opted_out) values (:phone, :optedOut)
      on conflict (phone) do update set opted_out = excluded.opted_out, updated_at = now()""")
  void record(@Param("phone") String phone, @Param("optedOut") boolean optedOut);
}
