package dev.tranche.api.ops;

import dev.tranche.api.ops.OpsController.WorkflowRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What ops look up: the workflow runs read model, and where an application stands. */
@Component
class OpsQueries {

  private final JdbcClient jdbc;

  OpsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The newest {@code limit} runs, filtered by whichever of type, status and business id are given. */
  List<WorkflowRow> runs(String type, String status, String businessId, int limit) {
    StringBuilder sql = new StringBuilder("""
        select workflow_id, workflow_type, business_id, status, started_at, updated_at from workflow_runs where true""");
    List<Object> params = new ArrayList<>();
    if (type != null) {
      sql.append(" and workflow_type = ?");
      params.add(type);
    }
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (businessId != null) {
      sql.append(" and business_id = ?");
      params.add(businessId);
    }
    sql.append(" order by updated_at desc limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new WorkflowRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
        .list();
  }

  boolean knownRun(String workflowId) {
    return jdbc.sql("select count(*) from workflow_runs where workflow_id = ?").param(workflowId)
        .query(Integer.class).single() > 0;
  }

  Optional<String> applicationStatus(UUID applicationId) {
    return jdbc.sql("select status from applications where id = ?").param(applicationId).query(String.class)
        .optional();
  }
}
