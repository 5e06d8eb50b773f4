package dev.flotilla.bench.fanout;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.notifier.NotifierConfig;
import dev.flotilla.notifier.NotifierVerticle;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The notifier alone in a JVM of its own (so its heap and CPU are its own), as a service runs it:
 * {@code NotifierVerticle} deployed on a fresh Vert.x. Talks to the bench over stdin/stdout, one
 * line each way: {@code reset} starts a measured window, {@code stats} answers what the window
 * cost, {@code live} collects (System.gc) and answers the heap still used, {@code stop} ends it.
 * Answers start with {@link #ANSWER}; arguments: bootstrap servers, and a file to write a JFR
 * profile of the run to when given.
 */
public final class NotifierProcessMain {
  static final String ANSWER = "fanout-notifier ";

  private static final AtomicLong peakAfterGc = new AtomicLong();
  private static final AtomicLong peakBeforeGc = new AtomicLong();

  private NotifierProcessMain() {}

  public static void main(String[] args) throws Exception {
    watchCollections();
    Recording profile = args.length > 1 ? startProfile() : null;
    Vertx vertx = Vertx.vertx();
    NotifierVerticle notifier =
        new NotifierVerticle(new NotifierConfig(KafkaSettings.of(args[0]), 0));
    vertx
        .deployVerticle(notifier)
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    answer("port " + notifier.actualPort());
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuAtReset = os.getProcessCpuTime();
    long gcAtReset = gcMillis();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
      switch (line) {
        case "reset" -> {
          cpuAtReset = os.getProcessCpuTime();
          gcAtReset = gcMillis();
          peakAfterGc.set(0);
          peakBeforeGc.set(0);
          answer("reset");
        }
        case "stats" ->
            answer(
                "stats "
                    + (os.getProcessCpuTime() - cpuAtReset)
                    + " "
                    + peakAfterGc.get()
                    + " "
                    + peakBeforeGc.get()
                    + " "
                    + (gcMillis() - gcAtReset)
                    + " "
                    + Runtime.getRuntime().maxMemory());
        case "live" -> {
          System.gc();
          answer("live " + heapUsed());
        }
        default -> answer("unknown " + line);
      }
    }
    if (profile != null) {
      profile.dump(Path.of(args[1])); // while the clients are still connected
      profile.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** JFR's "profile" settings: method samples, allocations, locks, I/O. */
  private static Recording startProfile() throws IOException, ParseException {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.start();
    return recording;
  }

  private static void answer(String text) {
    System.out.println(ANSWER + text);
    System.out.flush();
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  /** The heap each collection saw before it and left after it: peak used and peak live. */
  private static void watchCollections() {
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  notification.getType())) {
                return;
              }
              GarbageCollectionNotificationInfo info =
                  GarbageCollectionNotificationInfo.from(
                      (CompositeData) notification.getUserData());
              peakBeforeGc.accumulateAndGet(
                  sum(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools), Math::max);
              peakAfterGc.accumulateAndGet(
                  sum(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), Math::max);
            },
            null,
            null);
      }
    }
  }

  private static long sum(Map<String, MemoryUsage> pools, java.util.Set<String> heapPools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }
}
