package dev.flotilla.notifier;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The notifier's HTTP surface: {@code GET /events} (the SSE stream) and {@code GET /health}. Read
 * only: nothing here publishes into the system. Every error is {@code application/problem+json}.
 */
public final class NotifierRouter {
  private final EventHub hub;
  private final SseBridge bridge;

  private NotifierRouter(EventHub hub, SseBridge bridge) {
    this.hub = hub;
    this.bridge = bridge;
  }

  public static Router create(Vertx vertx, EventHub hub, SseBridge bridge) {
    NotifierRouter routes = new NotifierRouter(hub, bridge);
    Router router = Router.router(vertx);
    router.get("/events").handler(routes.bridge::handle);
    router.get("/health").handler(routes::health);
    router.errorHandler(404, NotifierRouter::notFound);
    router.errorHandler(405, NotifierRouter::methodNotAllowed);
    router.errorHandler(500, NotifierRouter::internalError);
    return router;
  }

  private void health(RoutingContext ctx) {
    ctx.json(
        new JsonObject()
            .put("status", "UP")
            .put("eventsSeen", hub.eventsSeen())
            .put("clients", hub.subscribers())
            .put("held", hub.held()));
  }

  private static void notFound(RoutingContext ctx) {
    Problems.send(
        ctx, 404, "Not Found", "no resource at " + ctx.request().path() + " (try /events)");
  }

  private static void methodNotAllowed(RoutingContext ctx) {
    Problems.send(
        ctx,
        405,
        "Method Not Allowed",
        "the notifier only serves GET: dashboards read events, they never publish");
  }

  private static void internalError(RoutingContext ctx) {
    Problems.send(ctx, 500, "Internal Server Error", "the notifier failed to answer; see its log");
  }
}
