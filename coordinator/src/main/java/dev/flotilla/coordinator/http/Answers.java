package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.view.View;
import dev.flotilla.contracts.view.ViewCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Writes an answer: the one place where the API's views become the bytes of a response. */
final class Answers {
  static final String JSON = "application/json";

  private static final ViewCodec CODEC = new ViewCodec();

  private Answers() {}

  /** The view's JSON; big answers are encoded on a worker thread, so call it from there. */
  static byte[] encode(View view) {
    return CODEC.encode(view);
  }

  static void send(RoutingContext ctx, int status, View view) {
    send(ctx, status, JSON, encode(view));
  }

  static void send(RoutingContext ctx, int status, String contentType, byte[] json) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .end(Buffer.buffer(json));
  }
}
