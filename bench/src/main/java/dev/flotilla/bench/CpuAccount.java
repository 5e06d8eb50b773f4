package dev.flotilla.bench;

import dev.flotilla.devkit.DevBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU time of a window went: this JVM's threads by the part of the deployment their names
 * say they belong to, and the broker's child JVM as a whole. Threads that end inside the window are
 * not counted (the services' threads live as long as the services); the readers of {@code
 * flotilla.events} are one part because the coordinator's projections, its view of active devices
 * and the notifier's feed all name their thread after the topic.
 */
final class CpuAccount {
  /** First match wins: a thread's name contains the needle. */
  private static final List<Map.Entry<String, String>> PARTS =
      List.of(
          Map.entry(
              "flotilla-reader-flotilla.events",
              "event readers (projections, fleet view, notifier feed)"),
          Map.entry("coordinator", "coordinator (loop, producer, HTTP)"),
          Map.entry("migration-worker", "migration worker"),
          Map.entry("backup-worker", "backup worker"),
          Map.entry("flotilla-reader-", "other topic readers"),
          Map.entry("vert.x", "Vert.x threads (notifier, HTTP)"),
          Map.entry("flotilla-bench", "bench followers"),
          Map.entry("HttpClient", "bench followers"),
          Map.entry("flotilla-publisher", "bench followers"));

  static final String BROKER = "broker (child JVM)";
  private static final String OTHER = "other threads of this JVM";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final DevBroker broker;
  private final Map<Long, Long> startByThread = new HashMap<>();
  private final long brokerStart;
  private final long started = System.nanoTime();

  private CpuAccount(DevBroker broker) {
    this.broker = broker;
    for (long id : threads.getAllThreadIds()) {
      startByThread.put(id, Math.max(0, threads.getThreadCpuTime(id)));
    }
    this.brokerStart = brokerNanos();
  }

  /** Starts counting now; {@code broker} may be null (then it is not counted). */
  static CpuAccount start(DevBroker broker) {
    return new CpuAccount(broker);
  }

  /**
   * @param wallSeconds how long the window lasted
   * @param secondsByPart CPU seconds of each part, largest first
   */
  record Split(double wallSeconds, Map<String, Double> secondsByPart) {
    double total() {
      return secondsByPart.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  Split stop() {
    Map<String, Long> nanos = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long now = threads.getThreadCpuTime(id);
      ThreadInfo info = threads.getThreadInfo(id);
      if (now < 0 || info == null) {
        continue;
      }
      long used = now - startByThread.getOrDefault(id, 0L);
      nanos.merge(partOf(info.getThreadName()), used, Long::sum);
    }
    if (broker != null) {
      nanos.put(BROKER, brokerNanos() - brokerStart);
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    nanos.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(part -> seconds.put(part.getKey(), part.getValue() / 1e9));
    return new Split((System.nanoTime() - started) / 1e9, seconds);
  }

  static String partOf(String threadName) {
    String name = threadName.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> part : PARTS) {
      if (name.contains(part.getKey())) {
        return part.getValue();
      }
    }
    return OTHER;
  }

  private long brokerNanos() {
    return broker == null ? 0 : broker.cpuTime().map(Duration::toNanos).orElse(0L);
  }
}
