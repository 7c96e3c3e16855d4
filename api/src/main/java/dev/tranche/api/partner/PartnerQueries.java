package dev.tranche.api.partner;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What an invited borrower's link shows: the partner's job and the customer as the partner sent them. */
@Component
class PartnerQueries {

  /** The invitation's details, prefilled on the borrower's page. */
  record Invitation(String firstName, String lastName, String email, String phone, String jobId,
      String jobDescription, BigDecimal estimateAmount, String currency, String partner) {
  }

  private final JdbcClient jdbc;

  PartnerQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Invitation invitation(String applicationId) {
    return jdbc.sql("""
            select a.first_name, a.last_name, a.email, a.phone, j.job_id, j.job_description, j.estimate_amount,
                   j.currency, p.name
              from applications ap join applicants a on a.id = ap.applicant_id
              join partner_jobs j on j.application_id = ap.id join partners p on p.id = j.partner_id
             where ap.id = ?""")
        .param(UUID.fromString(applicationId))
        .query((rs, n) -> new Invitation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9)))
        .single();
  }

  String borrowerOf(String applicationId) {
    return jdbc.sql("select borrower_id from applications where id = ?").param(UUID.fromString(applicationId))
        .query(String.class).single();
  }
}
