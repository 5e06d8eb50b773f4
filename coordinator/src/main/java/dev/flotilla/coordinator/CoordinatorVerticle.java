package dev.flotilla.coordinator;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.coordinator.engine.CoordinatorService;
import dev.flotilla.coordinator.http.HttpApiVerticle;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.ProjectionStore;
import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.ops.ServiceHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The coordinator as a Vert.x verticle: the decide loop, the projector that keeps its SQLite
 * projections, and (deployed as a child) the HTTP API over them. The loop, the projector and their
 * log replays block, so they run on threads of their own, started and stopped off the event loop.
 */
public final class CoordinatorVerticle extends VerticleBase {
  private final CoordinatorConfig config;
  private CoordinatorService service;
  private ProjectionStore store;
  private Projector projector;
  private Publisher publisher;
  private volatile HttpApiVerticle api;

  public CoordinatorVerticle(CoordinatorConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () -> {
              service =
                  CoordinatorService.start(
                      config.kafka(), new MessageCodec(), java.util.Optional.of(config.dataDir()));
              store = ProjectionStore.inDataDir(config.dataDir());
              projector = new Projector(config.kafka(), store).start();
              publisher = Publisher.create(config.kafka());
              ServiceHealth probes = ServiceHealth.of("coordinator");
              service.loops().forEach(probes::loop);
              probes.readiness(
                  "projections",
                  () -> projector.health().healthy(),
                  () -> describe(projector.health()));
              return new HttpApiVerticle(
                  config.httpPort(),
                  config.access(),
                  store.queries(),
                  projector::health,
                  service.reportedDevices(),
                  publisher,
                  probes);
            })
        .compose(http -> vertx.deployVerticle(http).map(id -> api = http))
        .recover(failure -> closeAll().transform(closed -> Future.failedFuture(failure)));
  }

  private static String describe(ProjectionHealth health) {
    if (health.lastFailure() != null) {
      return "failing: " + health.lastFailure();
    }
    return health.following()
        ? "following the log (" + health.eventsApplied() + " events applied)"
        : "not following the log";
  }

  /** The HTTP API is a child deployment, undeployed before this runs. */
  @Override
  public Future<?> stop() {
    return closeAll();
  }

  /** The port of the HTTP API (the chosen one when configured with 0); -1 before it listens. */
  public int actualHttpPort() {
    HttpApiVerticle current = api;
    return current == null ? -1 : current.actualPort();
  }

  private Future<Void> closeAll() {
    return vertx.executeBlocking(
        () -> {
          if (publisher != null) {
            publisher.close();
          }
          if (projector != null) {
            projector.close();
          }
          if (store != null) {
            store.close();
          }
          if (service != null) {
            service.close();
          }
          return null;
        });
  }
}
