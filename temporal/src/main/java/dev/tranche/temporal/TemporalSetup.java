package dev.tranche.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Namespace-level setup shared by the embedded server and a real cluster. */
public final class TemporalSetup {

  private static final Logger log = LoggerFactory.getLogger(TemporalSetup.class);

  private TemporalSetup() {
  }

  /** Registers our keyword search attributes; already-registered ones are left alone. */
  public static void registerSearchAttributes(String target, String namespace) {
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      stubs.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
          .setNamespace(namespace)
          .putSearchAttributes("TrancheBusinessId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .putSearchAttributes("TrancheStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .build());
      log.info("search attributes TrancheBusinessId, TrancheStatus registered in {}", namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    } finally {
      stubs.shutdown();
    }
  }
}
