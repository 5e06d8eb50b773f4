package dev.flotilla.devkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Waits until a starting broker takes requests: its port accepts connections, then {@code
 * describeCluster} lists it. Fails early when the child JVM dies, quoting the broker's log.
 */
final class BrokerReadiness {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_LINES_IN_ERRORS = 40;

  private final BrokerLayout layout;
  private final Process child;
  private final Duration timeout;
  private final Instant deadline;

  private BrokerReadiness(BrokerLayout layout, Process child, Duration timeout) {
    this.layout = layout;
    this.child = child;
    this.timeout = timeout;
    this.deadline = Instant.now().plus(timeout);
  }

  static void await(BrokerLayout layout, Process child, Duration timeout) {
    new BrokerReadiness(layout, child, timeout).await();
  }

  private void await() {
    // The listener first: the admin client would log a warning per refused connection.
    while (!accepts(layout.brokerPort())) {
      pause(null);
    }
    Exception lastProblem = null;
    try (Admin admin = Admin.create(probeConfig())) {
      while (true) {
        try {
          // Fenced brokers are not listed, so a listed broker takes requests.
          Collection<Node> nodes =
              admin.describeCluster().nodes().get(remainingMillis(), TimeUnit.MILLISECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          lastProblem = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure("Interrupted while waiting for the broker", e);
        }
        pause(lastProblem);
      }
    }
  }

  /** Waits a moment; fails if the child died or the deadline passed. */
  private void pause(Exception lastProblem) {
    try {
      if (child.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure("The broker JVM exited with code " + child.exitValue(), lastProblem);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("Interrupted while waiting for the broker", e);
    }
    if (Instant.now().isAfter(deadline)) {
      throw failure(
          "The broker at " + layout.bootstrapServers() + " did not answer within " + timeout,
          lastProblem);
    }
  }

  private DevBrokerException failure(String what, Exception cause) {
    return new DevBrokerException(
        what
            + " (work dir "
            + layout.workDir()
            + "). Last lines of "
            + layout.logFile()
            + ":"
            + System.lineSeparator()
            + LogTail.of(layout.logFile(), LOG_LINES_IN_ERRORS),
        cause);
  }

  private Map<String, Object> probeConfig() {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "flotilla-devbroker-probe",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 200,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
  }

  private long remainingMillis() {
    return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
