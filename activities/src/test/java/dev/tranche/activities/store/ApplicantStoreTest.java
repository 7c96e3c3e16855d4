package dev.tranche.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApplicantStoreTest extends ActivitiesIntegrationTest {

  @Autowired ApplicantStore store;
  @Autowired JdbcClient jdbc;

  @Test
  void pii_is_stored_only_as_ciphertext_and_every_read_is_audited() {
    var application = Fixtures.application("123-45-6789");
    store.create(application);

    byte[] ssnColumn = jdbc.sql("select ssn_ciphertext from applicants a join applications ap on ap.applicant_id = a.id"
        + " where ap.id = ?").param(UUID.fromString(application.applicationId())).query(byte[].class).single();
    assertThat(new String(ssnColumn, StandardCharsets.ISO_8859_1)).doesNotContain("123-45-6789", "123456789");
    String row = jdbc.sql("select a::text from applicants a join applications ap on ap.applicant_id = a.id where ap.id = ?")
        .param(UUID.fromString(application.applicationId())).query(String.class).single();
    assertThat(row).doesNotContain("123-45-6789", "123456789", "1985-04-12").contains("6789");

    var pii = store.loadPii(application.applicationId(), "system:test", "unit test");
    assertThat(pii.ssn()).isEqualTo("123-45-6789");
    assertThat(pii.dateOfBirth()).hasToString("1985-04-12");
    assertThat(pii.toString()).doesNotContain("123-45-6789");
    var audit = jdbc.sql("select details::text from audit_log where action = 'PII_READ' and subject_id = ?")
        .param(application.applicationId()).query(String.class).list();
    assertThat(audit).singleElement().satisfies(d -> assertThat(d).contains("ssn").doesNotContain("123-45-6789"));
  }
}
