package dev.tranche.contracts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local EVM node: the anvil binary npm installed under {@code contracts/node_modules}, on a free
 * port, mining each transaction at once (or every {@code blockTimeSeconds}). Stopped on close.
 */
public final class AnvilNode implements AutoCloseable {

  private Process process;
  private final int port;
  private final List<String> command;

  private AnvilNode(Process process, int port, List<String> command) {
    this.process = process;
    this.port = port;
    this.command = command;
  }

  /** Starts anvil with chain id {@code chainId}; {@code blockTimeSeconds} 0 mines on every transaction. */
  public static AnvilNode start(long chainId, int blockTimeSeconds) {
    return start(chainId, blockTimeSeconds, null);
  }

  /**
   * As {@link #start(long, int)}, keeping the chain's state in {@code stateFile} (written when the
   * node stops, read when it starts) so that {@link #restart()} brings back the same chain. Like a real
   * node restart, transactions still in the pool are lost.
   */
  public static AnvilNode start(long chainId, int blockTimeSeconds, Path stateFile) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", String.valueOf(port),
        "--chain-id", String.valueOf(chainId), "--silent"));
    if (blockTimeSeconds > 0) {
      command.addAll(List.of("--block-time", String.valueOf(blockTimeSeconds)));
    }
    if (stateFile != null) {
      command.addAll(List.of("--state", stateFile.toString()));
    }
    return new AnvilNode(launch(command, port), port, command);
  }

  /** Stops the node and starts it again on the same port (with its state, when it has a state file). */
  public synchronized void restart() {
    close();
    process = launch(command, port);
  }

  private static Process launch(List<String> command, int port) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
          return process;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            throw new IllegalStateException("anvil exited with " + process.exitValue());
          }
          Thread.sleep(50);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("anvil did not listen on " + port);
    } catch (IOException e) {
      throw new IllegalStateException("could not start anvil: " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The native anvil npm installed for this machine ({@code @foundry-rs/anvil} pulls in the one package of
   * {@code @foundry-rs/anvil-<os>-<arch>} that matches it). Started directly, not through the package's Node
   * launcher, so stopping the process stops the node.
   */
  private static Path binary() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("mac") ? "darwin"
        : "linux";
    String arch = switch (System.getProperty("os.arch")) {
      case "aarch64", "arm64" -> "arm64";
      default -> "amd64";
    };
    String nativeBinary = "node_modules/@foundry-rs/anvil-" + os + "-" + arch + "/bin/anvil";
    for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
      for (Path candidate : List.of(base.resolve(nativeBinary), base.resolve("contracts/" + nativeBinary))) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("anvil not found: run `npm ci` in contracts/ (the Maven build does)");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
