package dev.flotilla.notifier;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The notifier service: follows {@code flotilla.events} and serves it to dashboards as Server-Sent
 * Events on {@code GET /events}, with {@code GET /health}. Deploy it with {@code
 * vertx.deployVerticle(new NotifierVerticle(config))}; undeploying stops the reader and the server.
 */
public final class NotifierVerticle extends VerticleBase {
  private final NotifierConfig config;
  private final DashboardConfig dashboard;
  private SseBridge bridge;
  private HttpServer server;
  private EventFeed feed;
  private volatile int actualPort = -1;

  /** The dashboard's API calls go to the coordinator at its default address. */
  public NotifierVerticle(NotifierConfig config) {
    this(config, DashboardConfig.DEFAULT);
  }

  public NotifierVerticle(NotifierConfig config, DashboardConfig dashboard) {
    this.config = config;
    this.dashboard = dashboard;
  }

  @Override
  public Future<?> start() {
    EventHub hub = new EventHub(new EventHistory(config.historyCapacity()));
    bridge = new SseBridge(vertx, hub, config.heartbeat(), config.maxBacklog());
    Router router = NotifierRouter.create(vertx, hub, bridge);
    DashboardRoutes.mount(vertx, router, dashboard);
    server = vertx.createHttpServer().requestHandler(router);
    return server
        .listen(config.httpPort())
        .compose(
            listening -> {
              actualPort = listening.actualPort();
              return vertx.executeBlocking(() -> EventFeed.start(config.kafka(), context, hub));
            })
        .onSuccess(started -> feed = started)
        .recover(failure -> stopServing().transform(ignored -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    EventFeed reading = feed;
    feed = null;
    Future<Void> readerClosed =
        reading == null
            ? Future.succeededFuture()
            : vertx.executeBlocking(
                () -> {
                  reading.close();
                  return null;
                });
    return readerClosed.eventually(this::stopServing);
  }

  /** The port the HTTP server listens on (the chosen one when configured with 0); -1 before. */
  public int actualPort() {
    return actualPort;
  }

  private Future<Void> stopServing() {
    bridge.close();
    return server.close();
  }
}
