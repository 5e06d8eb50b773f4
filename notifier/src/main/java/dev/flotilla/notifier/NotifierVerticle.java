package dev.flotilla.notifier;

import dev.flotilla.ops.ReadableRequests;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * The notifier service: follows {@code flotilla.events} and serves it to dashboards as Server-Sent
 * Events on {@code GET /events} and over a WebSocket on {@code GET /events/ws}, with {@code GET
 * /health}, and POSTs rollout-level events to the configured webhooks. Deploy it with {@code
 * vertx.deployVerticle(new NotifierVerticle(config))}; undeploying stops the readers, the webhooks
 * and the server.
 */
public final class NotifierVerticle extends VerticleBase {
  private final NotifierConfig config;
  private final DashboardConfig dashboard;
  private StreamClients clients;
  private WorkerExecutor catchUpWorkers;
  private Webhooks webhooks;
  private HttpServer server;
  private volatile EventFeed feed;
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
    catchUpWorkers =
        vertx.createSharedWorkerExecutor(
            "flotilla-notifier-catch-up", NotifierConfig.PARALLEL_CATCH_UPS, 1, TimeUnit.HOURS);
    CatchUps catchUps =
        new KafkaCatchUps(
            config.kafka(), context, catchUpWorkers, NotifierConfig.CATCH_UP_PATIENCE);
    clients = new StreamClients(vertx, hub, catchUps, config.heartbeat(), config.maxBacklog());
    webhooks = Webhooks.start(vertx, context, config.kafka(), config.webhooks());
    ServiceHealth probes =
        ServiceHealth.of("notifier")
            .check(
                "events",
                () -> feed == null || feed.running(),
                () -> feed != null && feed.running(),
                () ->
                    feed == null
                        ? "not reading the event log yet"
                        : feed.running() ? "reading the event log" : "its reader stopped");
    Router router =
        NotifierRouter.create(
            vertx,
            AccessGuard.create(vertx, config.access(), NotifierAccess.RULES),
            hub,
            clients,
            webhooks,
            probes);
    DashboardRoutes.mount(vertx, router, dashboard);
    server =
        vertx
            .createHttpServer()
            .invalidRequestHandler(ReadableRequests::refuseInvalid)
            .requestHandler(ReadableRequests.before(router));
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
    clients.close();
    return webhooks.close().eventually(catchUpWorkers::close).eventually(server::close);
  }
}
