package dev.flotilla.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a piece of work needs while it runs: the peak of heap used, the peak of what stayed live
 * after collections, and the bytes the calling thread allocated. Heap used peaks just before a
 * collection, which sampling alone misses, so the usage each collection saw before it started
 * counts too. The peak of heap used depends on the collector's sizing as much as on the work; the
 * allocated bytes do not, and are the steadiest of the three.
 */
final class HeapWatch implements AutoCloseable {
  private static final long SAMPLE_EVERY_MILLIS = 2;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toUnmodifiableSet());
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener beforeCollection = this::onCollection;
  private final Thread sampler;
  private final boolean allThreads;
  private final Map<Long, Long> allocatedAtStart;
  private final long usedAtStart;
  private volatile boolean running = true;

  private HeapWatch(boolean allThreads) {
    this.allThreads = allThreads;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(beforeCollection, null, null);
        emitters.add(emitter);
      }
    }
    usedAtStart = memory.getHeapMemoryUsage().getUsed();
    peakUsed.set(usedAtStart);
    peakLive.set(usedAtStart);
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    allocatedAtStart = allocatedByThread();
  }

  /**
   * Collects garbage first, so every variant starts from the same live heap, then starts watching
   * the calling thread.
   */
  static HeapWatch start() {
    System.gc();
    return new HeapWatch(false);
  }

  /**
   * As {@link #start()}, but counts what every thread of the JVM allocates: for services that work
   * on threads of their own. Threads that end before {@link #stop()} are not counted.
   */
  static HeapWatch startForAllThreads() {
    System.gc();
    return new HeapWatch(true);
  }

  /** Stops watching; call on the thread that started it. */
  Usage stop() {
    Map<Long, Long> now = allocatedByThread();
    long allocated = 0;
    for (Map.Entry<Long, Long> thread : now.entrySet()) {
      allocated += thread.getValue() - allocatedAtStart.getOrDefault(thread.getKey(), 0L);
    }
    close();
    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return new Usage(usedAtStart, peakUsed.get(), peakLive.get(), allocated);
  }

  /** The peak live heap seen so far, while the watch runs. */
  long peakLiveBytesSoFar() {
    return peakLive.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(beforeCollection);
      } catch (ListenerNotFoundException alreadyGone) {
        // Nothing to remove.
      }
    }
    emitters.clear();
  }

  private Map<Long, Long> allocatedByThread() {
    if (!allThreads) {
      return Map.of(Thread.currentThread().getId(), threads.getCurrentThreadAllocatedBytes());
    }
    long[] ids = threads.getAllThreadIds();
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      // -1: the thread ended meanwhile.
      if (allocated[i] >= 0 && ids[i] != sampler.getId()) {
        byThread.put(ids[i], allocated[i]);
      }
    }
    return byThread;
  }

  private void sample() {
    while (running) {
      peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(SAMPLE_EVERY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void onCollection(Notification notification, Object handback) {
    if (!running
        || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
            notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    peakUsed.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
    peakLive.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      // The notification names every pool; code cache and metaspace are not heap.
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  /**
   * @param usedAtStartBytes heap used after the collection that preceded the work
   * @param peakUsedBytes the most heap used at any moment of the work, garbage included: what the
   *     work needed with this collector's sizing
   * @param peakLiveBytes the most heap still used after any collection during the work (or at its
   *     start): what the work kept alive, whatever the collector's sizing
   * @param allocatedBytes bytes the working thread (or every thread) allocated
   */
  record Usage(
      long usedAtStartBytes, long peakUsedBytes, long peakLiveBytes, long allocatedBytes) {}
}
