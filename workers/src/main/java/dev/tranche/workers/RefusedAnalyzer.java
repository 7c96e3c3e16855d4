package dev.tranche.workers;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as what to set, not as a stack trace. */
public final class RefusedAnalyzer extends AbstractFailureAnalyzer<DeploymentSecrets.Refused> {

  @Override
  protected FailureAnalysis analyze(Throwable root, DeploymentSecrets.Refused cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set each secret above through the environment (or your secret store), or, for a local run only, "
            + "activate the '" + DeploymentSecrets.PROFILE + "' profile (the embedded run does).", cause);
  }
}
