package dev.tranche.activities.application;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.pii.PiiCipher;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applicants and their applications. PII goes in encrypted and comes out only through an audited read. */
@Component
public class ApplicantStore {

  private final JdbcClient jdbc;
  private final PiiCipher cipher;
  private final AuditLog audit;

  public ApplicantStore(JdbcClient jdbc, PiiCipher cipher, AuditLog audit) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.audit = audit;
  }

  /** Stores the applicant (PII encrypted) and the application in {@code SUBMITTED}. */
  @Transactional
  public void create(NewApplication a) {
    UUID applicantId = UUID.randomUUID();
    String ssnDigits = a.ssn().replaceAll("[^0-9]", "");
    jdbc.sql("""
            insert into applicants (id, borrower_id, first_name, last_name, email, phone, ssn_ciphertext,
              ssn_fingerprint, ssn_last4, dob_ciphertext, pii_key_id, address_line1, city, region, postal_code,
              country, monthly_income)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(applicantId, a.borrowerId(), a.firstName(), a.lastName(), a.email(), a.phone(),
            cipher.encrypt(a.ssn()), cipher.fingerprint(ssnDigits), ssnDigits.substring(ssnDigits.length() - 4),
            cipher.encrypt(a.dateOfBirth().toString()), cipher.keyId(), a.addressLine1(), a.city(), a.region(),
            a.postalCode(), a.country(), a.monthlyIncome())
        .update();
    jdbc.sql("""
            insert into applications (id, applicant_id, borrower_id, requested_amount, currency, purpose,
              consent_credit_pull, consent_esign, status)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED')""")
        .params(UUID.fromString(a.applicationId()), applicantId, a.borrowerId(), a.requestedAmount(), a.currency(),
            a.purpose(), a.consentCreditPull(), a.consentEsign())
        .update();
    audit.record(a.borrowerId(), "APPLICATION_SUBMITTED", "application", a.applicationId(),
        Map.of("piiFields", java.util.List.of("ssn", "dateOfBirth")));
  }

  /**
   * A CRM-invited application: the applicant only as the CRM knows them (name, email, phone),
   * the application in {@code INVITED} with no consents yet.
   */
  @Transactional
  public void createInvited(String applicationId, String borrowerId, String firstName, String lastName, String email,
      String phone, java.math.BigDecimal amount, String currency, String purpose, String actor) {
    UUID applicantId = UUID.randomUUID();
    jdbc.sql("""
            insert into applicants (id, borrower_id, first_name, last_name, email, phone, pii_key_id)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(applicantId, borrowerId, firstName, lastName, email, phone, cipher.keyId())
        .update();
    jdbc.sql("""
            insert into applications (id, applicant_id, borrower_id, requested_amount, currency, purpose,
              consent_credit_pull, consent_esign, status)
            values (?, ?, ?, ?, ?, ?, false, false, 'INVITED')""")
        .params(UUID.fromString(applicationId), applicantId, borrowerId, amount, currency, purpose)
        .update();
    audit.record(actor, "APPLICATION_INVITED", "application", applicationId, Map.of());
  }

  /** What the borrower adds through the link: identity, address, income and consents. */
  public record Completion(String ssn, LocalDate dateOfBirth, String addressLine1, String city, String region,
      String postalCode, String country, java.math.BigDecimal monthlyIncome, boolean consentCreditPull,
      boolean consentEsign) {
  }

  /** Completes an invited applicant (PII encrypted) and records the consents. */
  @Transactional
  public void completeInvited(String applicationId, Completion c, String actor) {
    String ssnDigits = c.ssn().replaceAll("[^0-9]", "");
    int updated = jdbc.sql("""
            update applicants set ssn_ciphertext = ?, ssn_fingerprint = ?, ssn_last4 = ?, dob_ciphertext = ?,
                   pii_key_id = ?, address_line1 = ?, city = ?, region = ?, postal_code = ?, country = ?,
                   monthly_income = ?
             where id = (select applicant_id from applications where id = ? and status = 'INVITED')
               and ssn_ciphertext is null""")
        .params(cipher.encrypt(c.ssn()), cipher.fingerprint(ssnDigits), ssnDigits.substring(ssnDigits.length() - 4),
            cipher.encrypt(c.dateOfBirth().toString()), cipher.keyId(), c.addressLine1(), c.city(), c.region(),
            c.postalCode(), c.country(), c.monthlyIncome(), UUID.fromString(applicationId))
        .update();
    if (updated != 1) {
      throw new IllegalStateException("application " + applicationId + " is not awaiting the borrower");
    }
    jdbc.sql("update applications set consent_credit_pull = ?, consent_esign = ?, updated_at = now() where id = ?")
        .params(c.consentCreditPull(), c.consentEsign(), UUID.fromString(applicationId))
        .update();
    audit.record(actor, "APPLICATION_COMPLETED_BY_BORROWER", "application", applicationId,
        Map.of("piiFields", java.util.List.of("ssn", "dateOfBirth")));
  }

  /** Decrypts the applicant's identity for {@code purpose}, and audits the read. */
  @Transactional
  public ApplicantPii loadPii(String applicationId, String actor, String purpose) {
    ApplicantPii pii = jdbc.sql("""
            select a.first_name, a.last_name, a.ssn_ciphertext, a.dob_ciphertext, a.address_line1, a.city,
                   a.region, a.postal_code, a.country, a.phone
              from applications ap join applicants a on a.id = ap.applicant_id
             where ap.id = ?""")
        .param(UUID.fromString(applicationId))
        .query((rs, n) -> new ApplicantPii(applicationId, rs.getString("first_name"), rs.getString("last_name"),
            cipher.decrypt(rs.getBytes("ssn_ciphertext")),
            LocalDate.parse(cipher.decrypt(rs.getBytes("dob_ciphertext"))), rs.getString("address_line1"),
            rs.getString("city"), rs.getString("region"), rs.getString("postal_code"), rs.getString("country"),
            rs.getString("phone")))
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("no application " + applicationId));
    audit.record(actor, "PII_READ", "application", applicationId,
        Map.of("fields", java.util.List.of("ssn", "dateOfBirth"), "purpose", purpose));
    return pii;
  }

  /** The phone number to text for an application (not PII under our policy, but never logged). */
  public Optional<String> phoneOf(String applicationId) {
    return jdbc.sql("select a.phone from applications ap join applicants a on a.id = ap.applicant_id where ap.id = ?")
        .param(UUID.fromString(applicationId))
        .query(String.class)
        .optional();
  }
}
