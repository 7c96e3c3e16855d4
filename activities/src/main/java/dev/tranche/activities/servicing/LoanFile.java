package dev.tranche.activities.servicing;

import dev.tranche.common.WorkflowIds;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.LoanStatement;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A loan as ops and its borrower read it, for the API and the console alike: its terms, every version of
 * its schedule (the current one is the highest), its ledger postings and its collection cases.
 */
@Component
public class LoanFile {

  public record Installment(int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest,
      BigDecimal total, BigDecimal balanceAfter, String status) {
  }

  /** One version of the schedule; a reschedule adds one and keeps the earlier. */
  public record Schedule(int version, List<Installment> installments) {
  }

  public record Entry(String account, String direction, BigDecimal amount) {
  }

  /** One balanced ledger transfer of the loan, with its entries. */
  public record Posting(Instant at, String kind, String description, List<Entry> entries) {
  }

  /** A missed installment's collection case and the stage it reached. */
  public record CollectionCase(int installment, String stage, Instant openedAt, Instant updatedAt) {
  }

  private final LoanRepository loans;
  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  LoanFile(LoanRepository loans, JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this.loans = loans;
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** The servicing workflow's live statement (its query); empty once it no longer runs (paid off, charged off). */
  public Optional<LoanStatement> statement(UUID loanId) {
    try {
      return Optional.of(temporal.getObject().newWorkflowStub(LoanServicingWorkflow.class,
          WorkflowIds.loan(loanId.toString())).statement());
    } catch (WorkflowException notRunning) {
      return Optional.empty();
    }
  }

  public Optional<LoanRow> find(UUID loanId) {
    return loans.findById(loanId);
  }

  /** Every schedule version, oldest first. */
  public List<Schedule> schedules(LoanRow loan) {
    Map<Integer, List<Installment>> byVersion = new TreeMap<>();
    loan.installments().stream().sorted(Comparator.comparingInt(InstallmentRow::number))
        .forEach(i -> byVersion.computeIfAbsent(i.scheduleVersion(), v -> new ArrayList<>())
            .add(new Installment(i.number(), i.dueDate(), i.principal(), i.interest(), i.total(), i.balanceAfter(),
                i.status())));
    return byVersion.entrySet().stream().map(e -> new Schedule(e.getKey(), List.copyOf(e.getValue()))).toList();
  }

  /** The schedule in force: the latest version. */
  public List<Installment> currentSchedule(LoanRow loan) {
    List<Schedule> all = schedules(loan);
    return all.isEmpty() ? List.of() : all.getLast().installments();
  }

  /** The loan's ledger postings, oldest first (at most 500). */
  public List<Posting> postings(UUID loanId) {
    record Row(UUID transfer, Instant at, String kind, String description, String account, String direction,
        BigDecimal amount) {
    }
    List<Row> rows = jdbc.sql("""
            select t.id, t.created_at, t.kind, t.description, a.code, e.direction, e.amount
              from (select * from ledger_transfers where loan_id = ? order by created_at, id limit 500) t
              join ledger_entries e on e.transfer_id = t.id join ledger_accounts a on a.id = e.account_id
             order by t.created_at, t.id, e.id""")
        .param(loanId)
        .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7)))
        .list();
    List<Posting> postings = new ArrayList<>();
    UUID current = null;
    for (Row row : rows) {
      if (!row.transfer().equals(current)) {
        postings.add(new Posting(row.at(), row.kind(), row.description(), new ArrayList<>()));
        current = row.transfer();
      }
      postings.getLast().entries().add(new Entry(row.account(), row.direction(), row.amount()));
    }
    return postings;
  }

  public List<CollectionCase> collectionCases(UUID loanId) {
    return jdbc.sql("""
            select installment, stage, opened_at, updated_at from collection_cases where loan_id = ?
             order by installment""")
        .param(loanId)
        .query((rs, n) -> new CollectionCase(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant()))
        .list();
  }
}
