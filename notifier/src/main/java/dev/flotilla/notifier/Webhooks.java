package dev.flotilla.notifier;

import dev.flotilla.messaging.KafkaSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configured webhook receiver: a {@link WebhookFeed} reading what it is owed and a {@link
 * WebhookSender} calling it, over one HTTP client. The senders live on the notifier's Vert.x
 * context.
 */
public final class Webhooks {
  private final Vertx vertx;
  private final HttpClient http;
  private final List<WebhookSender> senders;
  private final List<WebhookFeed> feeds;

  private Webhooks(
      Vertx vertx, HttpClient http, List<WebhookSender> senders, List<WebhookFeed> feeds) {
    this.vertx = vertx;
    this.http = http;
    this.senders = senders;
    this.feeds = feeds;
  }

  /** No receivers. */
  public static Webhooks none(Vertx vertx) {
    return new Webhooks(vertx, null, List.of(), List.of());
  }

  /**
   * Starts delivering to every receiver of {@code settings}. Call it on the notifier's context; it
   * does not block (each feed finds its position on a thread of its own).
   */
  public static Webhooks start(
      Vertx vertx, Context context, KafkaSettings kafka, WebhookSettings settings) {
    if (settings.targets().isEmpty()) {
      return none(vertx);
    }
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setName("flotilla-webhooks"));
    List<WebhookSender> senders = new ArrayList<>();
    List<WebhookFeed> feeds = new ArrayList<>();
    for (WebhookTarget target : settings.targets()) {
      WebhookSender sender = new WebhookSender(vertx, http, target, settings);
      senders.add(sender);
      feeds.add(WebhookFeed.start(kafka, context, sender, target));
    }
    return new Webhooks(vertx, http, senders, feeds);
  }

  /** For {@code /health}: one object per receiver, in the configured order. */
  public JsonArray health() {
    JsonArray health = new JsonArray();
    senders.forEach(sender -> health.add(sender.health()));
    return health;
  }

  /** Stops reading (on a worker thread), then calling. Call it on the notifier's context. */
  public Future<Void> close() {
    if (feeds.isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx
        .<Void>executeBlocking(
            () -> {
              feeds.forEach(WebhookFeed::close);
              return null;
            })
        .eventually(
            () -> {
              senders.forEach(WebhookSender::close);
              return http.close();
            });
  }
}
