package dev.flotilla.devkit.broker;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the broker's child JVM; devkit's {@code DevBroker} launches it, nothing else
 * should. Formats the KRaft storage on first start (one JVM start instead of two), then runs the
 * Kafka server. It exits as soon as its standard input closes: the parent JVM holds that pipe open
 * for as long as it lives, so even a parent killed with SIGKILL leaves no orphaned broker behind.
 *
 * <p>Arguments: the {@code server.properties} path and the cluster id.
 */
public final class BrokerMain {
  /** How long a graceful shutdown may take once the parent is gone before the JVM halts. */
  private static final Duration ORPHAN_GRACE = Duration.ofSeconds(20);

  private BrokerMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain <server.properties> <cluster-id>");
      System.exit(2);
    }
    String serverProperties = args[0];
    String clusterId = args[1];
    exitWhenParentIsGone();

    // --ignore-formatted: a restart on the same data directory keeps its data.
    int formatted =
        StorageTool.execute(
            new String[] {
              "format",
              "--cluster-id",
              clusterId,
              "--config",
              serverProperties,
              "--standalone",
              "--ignore-formatted"
            },
            System.out);
    if (formatted != 0) {
      System.err.println("Formatting the broker storage failed with exit code " + formatted);
      System.exit(formatted);
    }
    Kafka.main(new String[] {serverProperties});
  }

  private static void exitWhenParentIsGone() {
    Thread watcher =
        new Thread(
            () -> {
              drain(System.in);
              System.err.println("The parent JVM is gone: stopping the broker.");
              haltAfter(ORPHAN_GRACE);
              System.exit(1);
            },
            "flotilla-parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Blocks until the stream ends, i.e. the parent closed the pipe or died. */
  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; anything it does write is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of stream
    }
  }

  private static void haltAfter(Duration grace) {
    Thread halter =
        new Thread(
            () -> {
              try {
                Thread.sleep(grace.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(1);
            },
            "flotilla-orphan-halter");
    halter.setDaemon(true);
    halter.start();
  }
}
