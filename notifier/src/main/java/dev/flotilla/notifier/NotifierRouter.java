package dev.flotilla.notifier;

import dev.flotilla.ops.OpsRoutes;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The notifier's HTTP surface: {@code GET /events} (the SSE stream), {@code GET /events/ws} (the
 * same over a WebSocket), {@code GET /health} and the probes and metrics every service serves
 * ({@link OpsRoutes}), behind the {@link NotifierAccess access rules}. Read only: nothing here
 * publishes into the system. Every error is {@code application/problem+json}.
 */
public final class NotifierRouter {
  private final EventHub hub;
  private final StreamClients clients;
  private final Webhooks webhooks;

  private NotifierRouter(EventHub hub, StreamClients clients, Webhooks webhooks) {
    this.hub = hub;
    this.clients = clients;
    this.webhooks = webhooks;
  }

  public static Router create(
      Vertx vertx,
      AccessGuard guard,
      EventHub hub,
      StreamClients clients,
      Webhooks webhooks,
      ServiceHealth probes) {
    NotifierRouter routes = new NotifierRouter(hub, clients, webhooks);
    Router router = Router.router(vertx);
    // First: a stream's token is checked at its handshake, before any event is sent.
    router.route().handler(guard);
    OpsRoutes.mount(router, probes);
    router.get("/events").handler(new SseBridge(clients)::handle);
    router.get("/events/ws").handler(new WebSocketBridge(clients)::handle);
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
            .put("clients", clients.count())
            .put("transports", clients.byTransport())
            .put("catchingUp", clients.catchingUp())
            .put("held", hub.held())
            .put("webhooks", webhooks.health()));
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
