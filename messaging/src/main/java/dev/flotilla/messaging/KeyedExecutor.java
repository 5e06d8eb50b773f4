package dev.flotilla.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed number of threads, those of one key one after another in the order given,
 * those of different keys side by side. A task waits only for the earlier tasks of its own key (and
 * for a free thread), never for another key's.
 */
final class KeyedExecutor implements AutoCloseable {
  private final ExecutorService pool;

  /** The last task given for each key that may not have ended yet. */
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  KeyedExecutor(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.pool = Executors.newFixedThreadPool(threads, named(name));
  }

  /**
   * Runs {@code task} once every earlier task of {@code key} has ended; a task must not throw (what
   * it throws is lost). A null key orders nothing.
   */
  void submit(String key, Runnable task) {
    if (key == null) {
      CompletableFuture.runAsync(task, pool);
      return;
    }
    CompletableFuture<Void> tail =
        tails.compute(
            key,
            (k, previous) ->
                previous == null
                    ? CompletableFuture.runAsync(task, pool)
                    : previous.handle((ok, failure) -> null).thenRunAsync(task, pool));
    // The last of its key forgets the key, so the map holds only keys with work in hand.
    tail.whenComplete((ok, failure) -> tails.remove(key, tail));
  }

  /** Stops the threads; tasks not started never run. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
