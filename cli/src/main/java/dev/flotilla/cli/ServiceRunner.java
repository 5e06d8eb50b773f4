package dev.flotilla.cli;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Deploys a service verticle and keeps the process alive until it is told to stop. */
final class ServiceRunner {
  private ServiceRunner() {}

  static int runUntilStopped(String name, Deployable service) {
    return runUntilStopped(name, service, () -> "");
  }

  /**
   * @param whereToFindIt read once the service runs, e.g. the port it chose; printed after its name
   */
  static int runUntilStopped(String name, Deployable service, Supplier<String> whereToFindIt) {
    Vertx vertx = Vertx.vertx();
    try {
      vertx
          .deployVerticle(service)
          .toCompletionStage()
          .toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
    }
    System.out.println("flotilla " + name + " running" + whereToFindIt.get() + "; Ctrl-C stops it");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    vertx
                        .close()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    // The process is ending anyway; the services closed what they could.
                  }
                  stopped.countDown();
                }));
    awaitForever(stopped);
    return 0;
  }

  private static void awaitForever(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
