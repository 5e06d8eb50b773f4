package dev.flotilla.ops;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a service's HTTP server refuses before any route, refused as every other answer is: an
 * {@code application/problem+json}. Vert.x's own refusals (a request line or headers its codec
 * cannot read, a path or query whose %-escapes do not decode) are plain text otherwise.
 */
public final class ReadableRequests {
  private ReadableRequests() {}

  /** {@code next} behind a first decode of the request's path and query. */
  public static Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
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
      next.handle(request);
    };
  }

  /**
   * For {@code HttpServer.invalidRequestHandler}: a request the HTTP codec could not read. The
   * connection closes after the answer: what was sent after it cannot be trusted.
   */
  public static void refuseInvalid(HttpServerRequest request) {
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
    ProblemAnswers.send(request.response(), status, title, detail, null);
  }
}
