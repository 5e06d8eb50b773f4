package dev.flotilla.migration.http;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.census.FleetCensus;
import dev.flotilla.ops.OpsRoutes;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessGuard;
import dev.flotilla.ops.access.AccessSettings;
import dev.flotilla.ops.access.Permission;
import dev.flotilla.ops.access.RouteRule;
import dev.flotilla.ops.access.RouteRules;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The migration worker's HTTP API: {@code GET /api/census?set=NAME}, the {@link
 * dev.flotilla.migration.census.Census} of its fleet folder as JSON (the same document as {@code
 * flotilla fleet census --json}). A missing or unknown set is a 400 problem ({@code
 * application/problem+json}). The census reads every device database, so it runs on a worker
 * thread; the event loop only routes and writes. {@code GET /health} answers {@code UP} without
 * reading any database, for container health checks. The census needs a reader's token.
 */
public final class CensusHttpVerticle extends VerticleBase {
  static final String PROBLEM_JSON = "application/problem+json";

  /** The census names every device of the fleet: a reader's token; probes and /health are open. */
  static final RouteRules RULES =
      RouteRules.withOps(
          RouteRule.open(HttpMethod.GET, "/health"),
          RouteRule.needs(Permission.READ, HttpMethod.GET, "/api/census"));

  private final int port;
  private final AccessSettings access;
  private final FleetCensus census;
  private final ServiceHealth health;
  private HttpServer server;
  private volatile int actualPort = -1;

  /**
   * @param port the port to listen on; 0 takes any free one (see {@link #actualPort()})
   */
  public CensusHttpVerticle(
      int port, AccessSettings access, FleetCensus census, ServiceHealth health) {
    this.port = port;
    this.access = access;
    this.census = census;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(AccessGuard.create(vertx, access, RULES));
    router.get("/api/census").handler(this::census);
    router.get("/health").handler(CensusHttpVerticle::health);
    OpsRoutes.mount(router, health);
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port).onSuccess(listening -> actualPort = listening.actualPort());
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  /** The port it listens on (the chosen one when configured with 0); -1 before it listens. */
  public int actualPort() {
    return actualPort;
  }

  /** The worker's process serves HTTP: what a health check can ask of it cheaply. */
  private static void health(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void census(RoutingContext ctx) {
    String name = ctx.queryParams().get("set");
    if (name == null || name.isBlank()) {
      problem(ctx, 400, "Bad Request", "give the migration set: /api/census?set=NAME");
      return;
    }
    MigrationSetId set;
    try {
      set = MigrationSetId.of(name);
    } catch (InvalidMessageException e) {
      problem(ctx, 400, "Bad Request", "set: " + e.problem());
      return;
    }
    vertx
        .executeBlocking(() -> census.take(set).json(), false)
        .onSuccess(
            json ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(json.encode()))
        .onFailure(
            failure -> {
              if (failure instanceof FleetCensus.UnknownSetException unknownSet) {
                problem(ctx, 400, "Bad Request", unknownSet.getMessage());
              } else {
                problem(
                    ctx,
                    500,
                    "Internal Server Error",
                    "the census could not be taken: " + failure.getMessage());
              }
            });
  }

  /** An RFC 9457 problem detail. */
  private static void problem(RoutingContext ctx, int status, String title, String detail) {
    JsonObject problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", ctx.request().path());
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
        .end(problem.encode());
  }
}
