package dev.flotilla.bench.orchestration;

import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.CoordinatorVerticle;
import dev.flotilla.messaging.KafkaSettings;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator alone in a JVM of its own, as its service runs it: {@link CoordinatorVerticle}
 * deployed on a Vert.x instance. Its own process, so that its CPU time and heap are its own and
 * nothing of the bench's. Talks with {@link CoordinatorChild} over its standard streams: prints
 * {@code READY} once deployed; answers {@code heap} with {@code HEAP <bytes>}, the heap still used
 * after a full collection; on {@code stop} (or the end of its input, when the bench is gone)
 * undeploys the coordinator, prints {@code STOPPED} and exits.
 *
 * <p>Arguments: bootstrap servers, partitions, instance id, data directory.
 */
public final class CoordinatorHost {
  private CoordinatorHost() {}

  public static void main(String[] args) throws Exception {
    KafkaSettings kafka = new KafkaSettings(args[0], Integer.parseInt(args[1]), args[2]);
    Path dataDir = Path.of(args[3]);
    Vertx vertx = Vertx.vertx();
    vertx
        .deployVerticle(new CoordinatorVerticle(new CoordinatorConfig(kafka, dataDir, 0)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.MINUTES);
    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("heap")) {
        System.out.println("HEAP " + liveHeap());
        System.out.flush();
      } else if (line.equals("stop")) {
        break;
      }
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    System.out.println("STOPPED");
    System.out.flush();
    System.exit(0);
  }

  /** Two collections: what the first finds unreachable with finalizers goes in the second. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
