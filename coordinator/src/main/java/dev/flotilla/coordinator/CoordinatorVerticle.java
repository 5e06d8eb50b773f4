package dev.flotilla.coordinator;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.coordinator.engine.CoordinatorService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The coordinator as a Vert.x verticle. Its Kafka loop and log replays block, so they run on
 * threads of their own, started and stopped off the event loop.
 */
public final class CoordinatorVerticle extends VerticleBase {
  private final CoordinatorConfig config;
  private CoordinatorService service;

  public CoordinatorVerticle(CoordinatorConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(
        () -> {
          service = CoordinatorService.start(config.kafka(), new MessageCodec());
          return service;
        });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          if (service != null) {
            service.close();
          }
          return null;
        });
  }
}
