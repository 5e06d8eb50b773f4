package dev.flotilla.notifier;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Forwards the dashboard's {@code /api/*} calls to the coordinator's HTTP API, so the page has one
 * origin: {@code GET /api/rollouts} is {@code GET <coordinator>/rollouts}. Bodies stream both ways
 * with back-pressure; the coordinator's status, content type (its problem+json included) and {@code
 * Location} come back as they are. A coordinator that cannot be reached is a 502 (a 504 when it
 * stops answering), as problem+json. Everything is asynchronous: nothing here blocks the event
 * loop.
 */
final class CoordinatorProxy {
  static final String PREFIX = "/api";

  /**
   * What the page sends and reads; hop-by-hop headers (Connection, …) stay with their hop. The
   * page's token goes on: the coordinator decides what its holder may do.
   */
  private static final List<CharSequence> REQUEST_HEADERS =
      List.of(
          HttpHeaders.ACCEPT,
          HttpHeaders.CONTENT_TYPE,
          HttpHeaders.CONTENT_LENGTH,
          HttpHeaders.AUTHORIZATION);

  private static final List<CharSequence> RESPONSE_HEADERS =
      List.of(
          HttpHeaders.CONTENT_TYPE,
          HttpHeaders.CONTENT_LENGTH,
          HttpHeaders.CACHE_CONTROL,
          HttpHeaders.RETRY_AFTER,
          "WWW-Authenticate");

  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long IDLE_TIMEOUT_MILLIS = 30_000;
  private static final int MAX_CONNECTIONS = 16;

  private final DashboardConfig config;
  private final HttpClient coordinator;

  CoordinatorProxy(Vertx vertx, DashboardConfig config) {
    this.config = config;
    this.coordinator =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(config.ssl())
                .setDefaultHost(config.host())
                .setDefaultPort(config.port()),
            // A page asks for a rollout, its failures, its audit and the fleet at once.
            new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
  }

  void forward(RoutingContext ctx) {
    HttpServerRequest in = ctx.request();
    // Whatever body arrives while we connect waits in the request, not on the floor.
    in.pause();
    RequestOptions out =
        new RequestOptions()
            .setMethod(in.method())
            .setHost(config.host())
            .setPort(config.port())
            .setSsl(config.ssl())
            .setURI(config.uriOf(ctx.normalizedPath().substring(PREFIX.length()), in.query()))
            .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
            .setIdleTimeout(IDLE_TIMEOUT_MILLIS)
            .setHeaders(copy(in.headers(), MultiMap.caseInsensitiveMultiMap(), REQUEST_HEADERS));
    coordinator
        .request(out)
        .compose(request -> send(in, request))
        .onSuccess(answer -> relay(answer, ctx.response()))
        .onFailure(failure -> unreachable(ctx, failure));
  }

  private static Future<HttpClientResponse> send(HttpServerRequest in, HttpClientRequest request) {
    if (in.method() == HttpMethod.GET || in.isEnded()) {
      in.resume();
      return request.send();
    }
    return request.send(in);
  }

  private static void relay(HttpClientResponse answer, HttpServerResponse response) {
    response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    copy(answer.headers(), response.headers(), RESPONSE_HEADERS);
    String location = answer.getHeader(HttpHeaders.LOCATION);
    if (location != null) {
      // The coordinator's own paths are the page's under /api.
      response.putHeader(
          HttpHeaders.LOCATION, location.startsWith("/") ? PREFIX + location : location);
    }
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
    answer.pipeTo(response);
  }

  private void unreachable(RoutingContext ctx, Throwable failure) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset(); // the answer broke off midway: the page sees a failed request
      return;
    }
    boolean timedOut = failure instanceof TimeoutException;
    Problems.send(
        ctx,
        timedOut ? 504 : 502,
        timedOut ? "Gateway Timeout" : "Bad Gateway",
        "the coordinator's API at "
            + config.coordinator()
            + " did not answer ("
            + failure.getMessage()
            + "); is it running, and is "
            + DashboardConfig.COORDINATOR_URL
            + " right?");
  }

  private static MultiMap copy(MultiMap from, MultiMap to, List<CharSequence> names) {
    for (CharSequence name : names) {
      List<String> values = from.getAll(name);
      if (!values.isEmpty()) {
        to.set(name.toString(), values);
      }
    }
    return to;
  }
}
