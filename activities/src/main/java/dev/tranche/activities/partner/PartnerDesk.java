package dev.tranche.activities.partner;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What admins see of the CRM partners: who they are, and what was written back and delivered to them. */
@Component
public class PartnerDesk {

  /** A partner without its secrets; {@code liveKeys} counts the API keys that still work. */
  public record Partner(String id, String name, String crmBaseUrl, String webhookUrl, int ratePerMinute,
      long liveKeys) {
  }

  /** One signed webhook from the outbox: delivered, or still being retried. */
  public record Delivery(String eventId, String partnerId, String type, String applicationId, Instant createdAt,
      int attempts, Instant deliveredAt, String lastError) {
  }

  /** One status written back to a partner's CRM. */
  public record Writeback(String partnerId, String jobId, String applicationId, String status, Instant at) {
  }

  private final JdbcClient jdbc;

  PartnerDesk(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Partner> partners() {
    return jdbc.sql("""
            select p.id, p.name, p.crm_base_url, p.webhook_url, p.rate_per_minute,
                   (select count(*) from partner_api_keys k
                     where k.partner_id = p.id and (k.expires_at is null or k.expires_at > now()))
              from partners p order by p.id""")
        .query((rs, n) -> new Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getInt(5), rs.getLong(6)))
        .list();
  }

  /** The latest {@code limit} webhook events, newest first. */
  public List<Delivery> deliveries(int limit) {
    return jdbc.sql("""
            select event_id, partner_id, type, application_id::text, created_at, attempts, delivered_at, last_error
              from partner_events order by created_at desc limit ?""")
        .param(limit)
        .query((rs, n) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getInt(6),
            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8)))
        .list();
  }

  /** The latest {@code limit} CRM writebacks, newest first. */
  public List<Writeback> writebacks(int limit) {
    return jdbc.sql("""
            select j.partner_id, j.job_id, w.application_id::text, w.status, w.delivered_at
              from crm_writebacks w join partner_jobs j on j.application_id = w.application_id
             order by w.delivered_at desc limit ?""")
        .param(limit)
        .query((rs, n) -> new Writeback(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .list();
  }
}
