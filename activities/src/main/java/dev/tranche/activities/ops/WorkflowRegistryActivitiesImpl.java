package dev.tranche.activities.ops;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component("workflowRegistryActivities")
class WorkflowRegistryActivitiesImpl implements WorkflowRegistryActivities {

  private final JdbcClient jdbc;

  WorkflowRegistryActivitiesImpl(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void track(WorkflowRun run) {
    jdbc.sql("""
            insert into workflow_runs (workflow_id, workflow_type, business_id, status) values (?, ?, ?, ?)
            on conflict (workflow_id) do update set status = excluded.status, updated_at = now()""")
        .params(run.workflowId(), run.workflowType(), run.businessId(), run.status())
        .update();
  }
}
