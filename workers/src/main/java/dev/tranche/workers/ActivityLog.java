package dev.tranche.workers;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per activity execution: its type, the workflow it served, how long it took and which attempt
 * it was ("VerifyIdentity for application-… completed in 120 ms, attempt 1"). The line carries the MDC of
 * the execution: Temporal's WorkflowId and ActivityId and the trace and span ids, so the JSON logs of a
 * request can be followed into its activities. Arguments and results are never logged (they hold PII). It
 * must run inside the tracing interceptor's span, so it goes first in the worker's interceptors
 * ({@link WorkerConfiguration}), not as a bean the starter would append after it.
 */
final class ActivityLog extends WorkerInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(ActivityLog.class);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        this.info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        long started = System.nanoTime();
        try {
          ActivityOutput output = super.execute(input);
          log.info("{} for {} completed in {} ms, attempt {}", info.getActivityType(), info.getWorkflowId(),
              (System.nanoTime() - started) / 1_000_000, info.getAttempt());
          return output;
        } catch (RuntimeException e) {
          log.warn("{} for {} failed in {} ms, attempt {}: {}", info.getActivityType(), info.getWorkflowId(),
              (System.nanoTime() - started) / 1_000_000, info.getAttempt(), e.getClass().getSimpleName());
          throw e;
        }
      }
    };
  }
}
