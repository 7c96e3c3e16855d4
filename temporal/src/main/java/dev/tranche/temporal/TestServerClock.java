package dev.tranche.temporal;

import io.grpc.Channel;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.api.testservice.v1.TestServiceGrpc;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock of Temporal's test server (the embedded server): it runs in real time with time skipping
 * locked, and can be moved forward, firing every timer due on the way.
 */
public final class TestServerClock {

  private TestServerClock() {
  }

  /** Moves the clock forward by {@code span}; returns once every timer due in it has fired. */
  public static void advance(Channel channel, Duration span) {
    TestServiceGrpc.newBlockingStub(channel).unlockTimeSkippingWithSleep(SleepRequest.newBuilder()
        .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(span.toSeconds())).build());
  }

  public static Instant now(Channel channel) {
    var time = TestServiceGrpc.newBlockingStub(channel).getCurrentTime(com.google.protobuf.Empty.getDefaultInstance())
        .getTime();
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }
}
