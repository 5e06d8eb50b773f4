package dev.flotilla.bench.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap used while a piece of work runs, sampled every few milliseconds after a collection
 * at the start: a rough upper bound of what the work needs (garbage included).
 */
final class HeapPeak implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final long atStart;
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapPeak() {
    System.gc();
    atStart = memory.getHeapMemoryUsage().getUsed();
    peak.set(atStart);
    sampler = new Thread(this::sample, "bench-replay-heap");
    sampler.setDaemon(true);
    sampler.start();
  }

  static HeapPeak start() {
    return new HeapPeak();
  }

  /** Peak heap used above what was used at the start, in bytes. */
  long stop() {
    close();
    return Math.max(0, peak.get() - atStart);
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
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
