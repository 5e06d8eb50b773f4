package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.ops.OpsRoutes;
import dev.flotilla.ops.ServiceHealth;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's HTTP API: the routes, and one place that turns every failure into an {@code
 * application/problem+json} answer (4xx for what the client sent, 5xx for our trouble).
 */
public final class ApiRouter {
  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);

  private ApiRouter() {}

  /**
   * @param blocking where JDBC and Kafka publishing run, never on the event loop
   */
  public static Router create(
      Vertx vertx,
      ProjectionQueries queries,
      Supplier<ProjectionHealth> health,
      ReportedDevices devices,
      Publisher publisher,
      ServiceHealth probes,
      WorkerExecutor blocking) {
    Router router = Router.router(vertx);
    OpsRoutes.mount(router, probes);
    new ReadRoutes(queries, health, devices, blocking).mount(router);
    new CommandRoutes(queries, publisher, blocking).mount(router);
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

  /**
   * The router behind a first look at the request's path and query: one whose %-escapes do not
   * decode would be refused by the router in plain text, so it is refused here as a problem.
   */
  public static Handler<HttpServerRequest> guarded(Router router) {
    return request -> {
      try {
        QueryStringDecoder decoded = new QueryStringDecoder(request.uri());
        decoded.path();
        decoded.parameters();
      } catch (IllegalArgumentException e) {
        refuse(
            request,
            400,
            "Bad Request",
            "the request's path or query cannot be read: " + e.getMessage());
        return;
      }
      router.handle(request);
    };
  }

  /**
   * For the server's invalid requests, refused before any route: a request line or headers the HTTP
   * codec could not read, or a path with a bad %-escape. Answered as every other refusal is, then
   * the connection closes (what was sent after it cannot be trusted).
   */
  public static void invalidRequest(HttpServerRequest request) {
    boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
    request.response().putHeader("Connection", "close");
    refuse(
        request,
        tooLong ? 431 : 400,
        tooLong ? "Request Header Fields Too Large" : "Bad Request",
        tooLong
            ? "the request line or its headers are too long"
            : "the request cannot be read (check its path's %-escapes and its headers)");
  }

  private static void refuse(HttpServerRequest request, int status, String title, String detail) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(Buffer.buffer(Answers.encode(new Problem(status, title, detail, null).toView(null))));
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
