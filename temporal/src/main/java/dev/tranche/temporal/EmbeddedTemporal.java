package dev.tranche.temporal;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Temporal dev server: the SDK's test server bound to a real gRPC port, running on
 * wall-clock time (time skipping locked), so any Temporal client or worker can connect to it.
 * It keeps nothing across a restart; see INFRA.md for what it does not implement.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on {@code port}; 0 picks a free port. */
  public static EmbeddedTemporal start(int port) {
    int chosen = port == 0 ? freePort() : port;
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(chosen, true);
    log.info("embedded Temporal dev server listening on 127.0.0.1:{}", chosen);
    EmbeddedTemporal temporal = new EmbeddedTemporal(server, chosen);
    TemporalSetup.registerSearchAttributes(temporal.target(), "default");
    return temporal;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
