package dev.flotilla.notifier;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Error responses as RFC 9457 problem details ({@code application/problem+json}). */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  static Future<Void> send(RoutingContext ctx, int status, String title, String detail) {
    JsonObject problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", ctx.request().path());
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .end(problem.encode());
  }

  static Future<Void> badRequest(RoutingContext ctx, String detail) {
    return send(ctx, 400, "Bad Request", detail);
  }
}
