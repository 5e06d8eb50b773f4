package dev.flotilla.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running in a child
 * JVM, on free loopback ports, for the demo and for integration tests.
 *
 * <p>Everything lives in the work directory: {@code server.properties}, the data ({@code data/}),
 * and {@code broker.log}, where the child's output goes. Being a separate process is the point: a
 * test can {@link #kill()} it like a crashed broker and {@link #restart()} it on the same ports and
 * data. The broker never outlives this JVM: a shutdown hook stops it, and the child exits by itself
 * when this JVM dies without running hooks.
 *
 * <pre>{@code
 * try (DevBroker broker = DevBroker.start(dir)) {
 *   var settings = KafkaSettings.of(broker.bootstrapServers());
 *   ...
 * }
 * }</pre>
 */
public final class DevBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevBroker.class);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_HOOK_GRACE = Duration.ofSeconds(5);

  /** The user a {@link #startWithSasl SASL listener} lets in; a dev broker's, on 127.0.0.1. */
  public static final String SASL_USER = "flotilla";

  public static final String SASL_PASSWORD = "flotilla-dev-password";

  private final BrokerLayout layout;
  private final String bootstrapServers;
  private final AtomicReference<Process> process = new AtomicReference<>();
  private final Thread exitHook;
  private boolean closed;

  private DevBroker(BrokerLayout layout, String bootstrapServers) {
    this.layout = layout;
    this.bootstrapServers = bootstrapServers;
    this.exitHook = new Thread(this::stopAtExit, "flotilla-devbroker-exit");
  }

  /**
   * Starts a broker whose files live in {@code workDir} and returns once it answers. A directory
   * that already holds a dev broker's data is started again with that data on its recorded ports.
   *
   * @throws DevBrokerException if it does not come up within a minute; the message quotes its log
   */
  public static DevBroker start(Path workDir) {
    return start(workDir, false);
  }

  /**
   * As {@link #start(Path)}, with a second listener ({@link #saslBootstrapServers()}): TLS with a
   * self-signed certificate for 127.0.0.1 (clients trust {@link #trustedCertificate()}), and SASL
   * PLAIN as {@value #SASL_USER}, password {@value #SASL_PASSWORD}.
   */
  public static DevBroker startWithSasl(Path workDir) {
    return start(workDir, true);
  }

  private static DevBroker start(Path workDir, boolean sasl) {
    Objects.requireNonNull(workDir, "workDir");
    BrokerLayout layout = BrokerLayout.prepare(workDir, sasl);
    DevBroker broker = new DevBroker(layout, layout.bootstrapServers());
    Runtime.getRuntime().addShutdownHook(broker.exitHook);
    try {
      broker.launch();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /**
   * A broker this JVM does not run (another process, a container): only {@link #bootstrapServers()}
   * is meaningful; {@link #stop()} and {@link #close()} leave it alone and {@link #kill()} and
   * {@link #restart()} are unsupported.
   */
  public static DevBroker external(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    return new DevBroker(null, bootstrapServers.trim());
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The certificate (PEM) a client of the {@link #saslBootstrapServers() SASL_SSL listener} trusts.
   */
  public Path trustedCertificate() {
    return managedLayout().trustedCertificate();
  }

  /**
   * The SASL_SSL listener of a broker started {@link #startWithSasl with one}.
   *
   * @throws IllegalStateException for a broker without
   */
  public String saslBootstrapServers() {
    if (layout == null) {
      throw new IllegalStateException("an external broker: its listeners are not known here");
    }
    return layout
        .saslBootstrapServers()
        .orElseThrow(() -> new IllegalStateException("this broker has no SASL_SSL listener"));
  }

  /** False for an {@link #external} broker, which cannot be stopped, killed or restarted. */
  public boolean isManaged() {
    return layout != null;
  }

  /** Whether the child JVM is alive; an external broker is assumed to be. */
  public boolean isRunning() {
    if (!isManaged()) {
      return true;
    }
    Process current = process.get();
    return current != null && current.isAlive();
  }

  /**
   * The process id of the broker's child JVM while it runs, e.g. to read its CPU time from {@code
   * /proc}; empty for an external broker or a stopped one.
   */
  public OptionalLong pid() {
    Process current = isManaged() ? process.get() : null;
    return current != null && current.isAlive()
        ? OptionalLong.of(current.pid())
        : OptionalLong.empty();
  }

  public Path workDir() {
    return managedLayout().workDir();
  }

  /**
   * The CPU time the broker's child JVM has used so far (user and system), for benchmarks that
   * count what the broker costs; empty for an external broker or where the system does not say.
   */
  public Optional<Duration> cpuTime() {
    Process current = isManaged() ? process.get() : null;
    return current == null ? Optional.empty() : current.info().totalCpuDuration();
  }

  /** The child JVM's output: the broker's own log lines and anything it prints. */
  public Path logFile() {
    return managedLayout().logFile();
  }

  /** Stops the broker gracefully (SIGTERM, controlled shutdown) and waits for it to exit. */
  public synchronized void stop() {
    if (!isManaged()) {
      return;
    }
    Process current = process.get();
    if (current == null) {
      return;
    }
    current.destroy();
    if (!waitFor(current, STOP_TIMEOUT)) {
      LOG.warn("Kafka broker did not stop within {}; killing it", STOP_TIMEOUT);
      current.destroyForcibly();
      waitFor(current, STOP_TIMEOUT);
    }
    release(current);
  }

  /** Kills the broker like a crash ({@code kill -9}) and waits until the process is gone. */
  public void kill() {
    if (!isManaged()) {
      throw new UnsupportedOperationException(
          "The broker at " + bootstrapServers + " is not run by this JVM and cannot be killed");
    }
    Process current = process.get();
    if (current == null) {
      return;
    }
    current.destroyForcibly();
    waitFor(current, STOP_TIMEOUT);
    release(current);
  }

  /**
   * Starts the broker again on the same ports and data, stopping it first if it runs: a broker
   * bounce, or the start after a {@link #kill()}. Returns once it answers.
   */
  public synchronized void restart() {
    if (!isManaged()) {
      throw new UnsupportedOperationException(
          "The broker at " + bootstrapServers + " is not run by this JVM and cannot be restarted");
    }
    if (closed) {
      throw new IllegalStateException("This broker is closed");
    }
    stop();
    launch();
  }

  /** Stops the broker; it cannot be restarted afterwards. */
  @Override
  public synchronized void close() {
    if (!isManaged() || closed) {
      return;
    }
    closed = true;
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left to remove
    }
  }

  @Override
  public String toString() {
    return isManaged()
        ? "DevBroker[" + bootstrapServers + ", " + layout.workDir() + "]"
        : "DevBroker[external " + bootstrapServers + "]";
  }

  private synchronized void launch() {
    if (!layout.portsAreFree()) {
      throw new DevBrokerException(
          "Port "
              + layout.brokerPort()
              + " or "
              + layout.controllerPort()
              + " of the broker in "
              + layout.workDir()
              + " is in use: is another broker still running on this directory? Stop it, or"
              + " delete the directory to start afresh");
    }
    Instant begin = Instant.now();
    Process child = BrokerProcess.spawn(layout);
    process.set(child);
    try {
      BrokerReadiness.await(layout, child, READY_TIMEOUT);
    } catch (RuntimeException e) {
      child.destroyForcibly();
      waitFor(child, STOP_TIMEOUT);
      release(child);
      throw e;
    }
    LOG.info(
        "Kafka broker ready at {} after {} ms (log: {})",
        bootstrapServers,
        Duration.between(begin, Instant.now()).toMillis(),
        layout.logFile());
  }

  /** Forgets a dead child and closes our end of its pipes. */
  private void release(Process dead) {
    process.compareAndSet(dead, null);
    closeQuietly(dead.getOutputStream());
    closeQuietly(dead.getInputStream());
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the child is gone; nothing to flush
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the child is gone; nothing to read
    }
  }

  private static boolean waitFor(Process child, Duration timeout) {
    boolean interrupted = false;
    Instant deadline = Instant.now().plus(timeout);
    try {
      while (true) {
        try {
          long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
          return child.waitFor(remaining, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs at JVM exit: no lock (a thread holding it may never return), a short grace period. */
  private void stopAtExit() {
    Process current = process.get();
    if (current != null && current.isAlive()) {
      current.destroy();
      if (!waitFor(current, EXIT_HOOK_GRACE)) {
        current.destroyForcibly();
        waitFor(current, EXIT_HOOK_GRACE);
      }
    }
  }

  private BrokerLayout managedLayout() {
    if (layout == null) {
      throw new UnsupportedOperationException(
          "The broker at " + bootstrapServers + " is not run by this JVM");
    }
    return layout;
  }
}
