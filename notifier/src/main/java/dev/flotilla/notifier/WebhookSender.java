package dev.flotilla.notifier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the calls owed to one receiver, in order, one at a time, retrying each until the receiver
 * answers 2xx ({@link WebhookDeliveries} says when). Lives on the notifier's Vert.x context; the
 * calls come from a {@link WebhookFeed}, which commits each one's position once it is delivered.
 */
final class WebhookSender {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  private final Vertx vertx;
  private final HttpClient http;
  private final WebhookTarget target;
  private final Optional<WebhookSecret> secret;
  private final Duration timeout;
  private final WebhookDeliveries deliveries;
  private boolean calling;
  private long retryTimer = -1;
  private boolean ready;
  private boolean closed;

  WebhookSender(Vertx vertx, HttpClient http, WebhookTarget target, WebhookSettings settings) {
    this.vertx = vertx;
    this.http = http;
    this.target = target;
    this.secret = settings.secret();
    this.timeout = settings.timeout();
    this.deliveries = new WebhookDeliveries(settings.firstRetry(), settings.longestRetry());
  }

  /** Queues {@code call}; the future completes once the receiver has answered it with a 2xx. */
  Future<Void> deliver(WebhookCall call) {
    if (closed) {
      return Future.failedFuture("the notifier is stopping");
    }
    Future<Void> delivered = deliveries.add(call);
    callNext();
    return delivered;
  }

  /** The receiver's position in the topic is known: from here on nothing it is owed is lost. */
  void ready() {
    ready = true;
  }

  /** For {@code /health}: the URL as it may be shown, and how delivery goes. */
  JsonObject health() {
    WebhookDeliveries.Status status = deliveries.status();
    return new JsonObject()
        .put("url", target.shown())
        .put("ready", ready)
        .put("delivered", status.delivered())
        .put("pending", status.pending())
        .put("lastError", status.lastError().orElse(null))
        .put("nextRetry", status.nextRetry().map(Instant::toString).orElse(null));
  }

  void close() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    deliveries.abandon();
  }

  private void callNext() {
    if (closed || calling || retryTimer >= 0) {
      return;
    }
    Optional<WebhookCall> next = deliveries.next();
    if (next.isEmpty()) {
      return;
    }
    calling = true;
    WebhookCall call = next.get();
    post(call)
        .onComplete(
            answered -> {
              calling = false;
              if (closed) {
                return;
              }
              if (answered.succeeded() && answered.result() / 100 == 2) {
                deliveries.delivered();
              } else {
                String error =
                    answered.succeeded()
                        ? "HTTP " + answered.result()
                        : String.valueOf(answered.cause().getMessage());
                Duration pause = deliveries.failed(error, Instant.now());
                log.warn(
                    "webhook {} did not take {} {} ({}); trying again in {}",
                    target,
                    call.type(),
                    call.id(),
                    error,
                    pause);
                retryTimer =
                    vertx.setTimer(
                        pause.toMillis(),
                        fired -> {
                          retryTimer = -1;
                          callNext();
                        });
              }
              callNext();
            });
  }

  /** One POST; its answer's status code, or a failure when there is none in time. */
  private Future<Integer> post(WebhookCall call) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(target.uri().getHost())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(target.requestUri())
            .setConnectTimeout(timeout.toMillis())
            .setIdleTimeout(timeout.toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.USER_AGENT, "flotilla-notifier");
    target.authorization().ifPresent(auth -> options.putHeader(HttpHeaders.AUTHORIZATION, auth));
    secret.ifPresent(key -> options.putHeader(WebhookSecret.HEADER, key.sign(call.body())));
    return http.request(options)
        .compose(request -> request.send(Buffer.buffer(call.body())))
        .compose(WebhookSender::statusOnceRead);
  }

  private static Future<Integer> statusOnceRead(HttpClientResponse response) {
    // The body is read (and thrown away) so the connection can serve the next call.
    return response.end().map(ended -> response.statusCode());
  }
}
