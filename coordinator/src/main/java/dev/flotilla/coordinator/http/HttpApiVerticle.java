package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.ops.ReadableRequests;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the coordinator's HTTP API on one port, behind the {@link ApiAccess access rules}. Its
 * queries and publishing block, so they run on a small worker pool of its own; the event loop only
 * routes and writes.
 */
public final class HttpApiVerticle extends VerticleBase {
  private static final int BLOCKING_THREADS = 4;
  private static final int MAX_REQUEST_LINE = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

  /** How often the fleet's gauges are read from the projections. */
  private static final Duration GAUGES_EVERY = Duration.ofSeconds(10);

  private final int port;
  private final AccessSettings access;
  private final ProjectionQueries queries;
  private final Supplier<ProjectionHealth> health;
  private final ReportedDevices devices;
  private final Publisher publisher;
  private final ServiceHealth probes;
  private final FleetGauges gauges = new FleetGauges();
  private WorkerExecutor blocking;
  private HttpServer server;
  private volatile int actualPort = -1;

  /**
   * @param port the port to listen on; 0 takes any free one (see {@link #actualPort()})
   * @param devices what the devices and the workers report of each device, kept current elsewhere
   */
  public HttpApiVerticle(
      int port,
      AccessSettings access,
      ProjectionQueries queries,
      Supplier<ProjectionHealth> health,
      ReportedDevices devices,
      Publisher publisher,
      ServiceHealth probes) {
    this.port = port;
    this.access = access;
    this.queries = queries;
    this.health = health;
    this.devices = devices;
    this.publisher = publisher;
    this.probes = probes;
  }

  @Override
  public Future<?> start() {
    blocking = vertx.createSharedWorkerExecutor("flotilla-coordinator-api", BLOCKING_THREADS);
    server =
        vertx
            // A long request line reaches the router, which answers it with a problem; the
            // server's own limit (4 KiB) would answer 414 in plain text.
            .createHttpServer(new HttpServerOptions().setMaxInitialLineLength(MAX_REQUEST_LINE))
            .invalidRequestHandler(ReadableRequests::refuseInvalid)
            .requestHandler(
                ReadableRequests.before(
                    ApiRouter.create(
                        vertx, access, queries, health, devices, publisher, probes, blocking)));
    refreshGauges();
    vertx.setPeriodic(GAUGES_EVERY.toMillis(), id -> refreshGauges());
    return server
        .listen(port)
        .onSuccess(listening -> actualPort = listening.actualPort())
        .onFailure(failure -> blocking.close());
  }

  private void refreshGauges() {
    blocking
        .executeBlocking(
            () -> {
              gauges.refresh(queries);
              return null;
            },
            false)
        .onFailure(
            failure -> LOG.debug("the fleet gauges were not refreshed: {}", failure.toString()));
  }

  @Override
  public Future<?> stop() {
    return server.close().eventually(() -> blocking.close());
  }

  /** The port it listens on (the chosen one when configured with 0); -1 before it listens. */
  public int actualPort() {
    return actualPort;
  }
}
