package dev.tranche.activities.support;

import dev.tranche.common.FailureType;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns PostgreSQL's refusal of the data itself (SQLState class 22, and NOT NULL and CHECK
 * violations) into a non-retryable {@link FailureType#DATA_REJECTED}: retrying the same input
 * cannot succeed, and an activity retried forever wedges its workflow with nobody told. Connection
 * loss, deadlocks and serialization failures stay transient and are retried. The failure carries
 * the SQLState only: PostgreSQL's detail may quote the row, which must not reach workflow history.
 */
public class DataRejections extends WorkerInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(DataRejections.class);
  private static final Set<String> CONSTRAINTS = Set.of("23502", "23514");

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String activity = "an activity";

      @Override
      public void init(ActivityExecutionContext context) {
        // The context is no longer reachable once the activity has thrown.
        activity = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (RuntimeException e) {
          String state = refusedState(e);
          if (state == null) {
            throw e;
          }
          // Not the exception: PostgreSQL's detail may quote the refused row.
          log.error("{} stored data PostgreSQL refuses (SQLState {}, {}); not retried", activity, state,
              e.getClass().getSimpleName());
          throw ApplicationFailure.newNonRetryableFailure("PostgreSQL refused the data " + activity
              + " tried to store (SQLState " + state + ")", FailureType.DATA_REJECTED.name());
        }
      }
    };
  }

  /** The SQLState when {@code failure} is PostgreSQL refusing the data, else null. */
  static String refusedState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("22") || CONSTRAINTS.contains(sql.getSQLState()))) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
