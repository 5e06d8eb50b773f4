package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.ops.OpsRoutes;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AccessGuard;
import dev.flotilla.ops.access.AccessSettings;
import dev.flotilla.ops.access.AccessTokens;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's HTTP API: the routes behind the {@link ApiAccess access rules}, and one place
 * that turns every failure into an {@code application/problem+json} answer (4xx for what the client
 * sent, 5xx for our trouble).
 */
public final class ApiRouter {
  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

  private ApiRouter() {}

  /**
   * @param blocking where JDBC and Kafka publishing run, never on the event loop
   */
  public static Router create(
      Vertx vertx,
      AccessSettings access,
      ProjectionQueries queries,
      Supplier<ProjectionHealth> health,
      ReportedDevices devices,
      Publisher publisher,
      ServiceHealth probes,
      WorkerExecutor blocking) {
    Router router = Router.router(vertx);
    router.route().handler(AccessGuard.create(vertx, access, ApiAccess.RULES));
    OpsRoutes.mount(router, probes);
    new ReadRoutes(queries, health, devices, blocking).mount(router);
    new CommandRoutes(queries, publisher, blocking).mount(router);
    new TokenRoutes(
            access.checksTokens()
                ? Optional.of(AccessTokens.create(vertx, access))
                : Optional.empty())
        .mount(router);
    router.route().failureHandler(ApiRouter::failed);
    router.errorHandler(404, ApiRouter::notFound);
    router.errorHandler(405, ApiRouter::methodNotAllowed);
    return router;
  }

  private static void failed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem.Rejection rejection) {
      send(ctx, rejection.problem());
    } else if (failure == null && ctx.statusCode() == 413) {
      send(ctx, new Problem(413, "Content Too Large", "the body is larger than 1 MiB", null));
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, new Problem(ctx.statusCode(), "Bad Request", "the request cannot be read", null));
    } else {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      send(
          ctx,
          new Problem(
              500, "Internal Server Error", "the coordinator failed to answer; see its log", null));
    }
  }

  private static void notFound(RoutingContext ctx) {
    send(
        ctx,
        Problem.notFound(
            "no resource at "
                + ctx.request().path()
                + " (see /rollouts, /devices, /audit, /health, /health/ready, /metrics)"));
  }

  private static void methodNotAllowed(RoutingContext ctx) {
    send(
        ctx,
        new Problem(
            405,
            "Method Not Allowed",
            ctx.request().method() + " is not served at " + ctx.request().path(),
            null));
  }

  private static void send(RoutingContext ctx, Problem problem) {
    if (ctx.response().ended()) {
      return;
    }
    Answers.send(
        ctx,
        problem.status(),
        Problem.CONTENT_TYPE,
        Answers.encode(problem.toView(ctx.request().path())));
  }
}
