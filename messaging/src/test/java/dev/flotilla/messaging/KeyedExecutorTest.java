package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {
  @Test
  void aBlockedKeyDoesNotHoldUpAnotherKey() throws Exception {
    CountDownLatch releaseA = new CountDownLatch(1);
    CountDownLatch bDone = new CountDownLatch(1);
    List<String> done = new CopyOnWriteArrayList<>();
    try (KeyedExecutor executor = new KeyedExecutor(2, "test")) {
      executor.submit(
          "device-a",
          () -> {
            await(releaseA);
            done.add("a");
          });
      executor.submit(
          "device-b",
          () -> {
            done.add("b");
            bDone.countDown();
          });

      assertThat(bDone.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(done).containsExactly("b");
      releaseA.countDown();
    }
  }

  @Test
  void tasksOfOneKeyRunOneAtATimeInTheOrderGiven() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(20);
    try (KeyedExecutor executor = new KeyedExecutor(4, "test")) {
      for (int i = 0; i < 20; i++) {
        int n = i;
        executor.submit(
            "device-a",
            () -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              sleep(n % 3);
              order.add(n);
              running.decrementAndGet();
              all.countDown();
            });
      }
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(mostAtOnce).hasValue(1);
    assertThat(order).isSorted().hasSize(20);
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheLaterTasksOfItsKey() throws Exception {
    CountDownLatch second = new CountDownLatch(1);
    try (KeyedExecutor executor = new KeyedExecutor(1, "test")) {
      executor.submit(
          "device-a",
          () -> {
            throw new IllegalStateException("lost");
          });
      executor.submit("device-a", second::countDown);
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
