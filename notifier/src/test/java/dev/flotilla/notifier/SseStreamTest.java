package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.id.RolloutId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the notifier, fed by hand instead of by Kafka (the IT covers that path). */
class SseStreamTest {
  private static final int MAX_BACKLOG = 20;

  private Vertx vertx;
  private HandFedNotifier notifier;
  private HttpClient http;
  private WebClient web;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    notifier = new HandFedNotifier(10, MAX_BACKLOG);
    vertx.deployVerticle(notifier).await(10, TimeUnit.SECONDS);
    port = notifier.port();
    http = vertx.createHttpClient();
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aClientGetsTheHeldEventsThenLiveOnesAsTheyArePublished() throws Exception {
    notifier.publish(0, 0, "r-a");
    notifier.publish(1, 0, "r-a");
    await().until(() -> health().getLong("eventsSeen") == 2);

    try (SseTestClient client = SseTestClient.connect(vertx, http, port, "/events")) {
      assertThat(client.response().getHeader("Content-Type")).isEqualTo("text/event-stream");
      assertThat(client.response().getHeader("Cache-Control")).isEqualTo("no-cache");
      FeedEvent live = notifier.publish(0, 1, "r-a");

      await().until(() -> client.frames().size() == 3);
      assertThat(client.frames())
          .extracting(SseTestClient.Frame::id)
          .containsExactly("v2.1", "v2.1.1", "v2.2.1");
      assertThat(client.frames().get(2).data()).isEqualTo(live.json());
    }
  }

  @Test
  void aClientResumingWithItsLastIdGetsEveryLaterEventOnceAndOldStyleIdsStillWork()
      throws Exception {
    notifier.publish(0, 0, "r-a");
    notifier.publish(1, 0, "r-b");
    notifier.publish(0, 1, "r-a");
    String lastSeen;
    try (SseTestClient client = SseTestClient.connect(vertx, http, port, "/events")) {
      await().until(() -> client.frames().size() == 3);
      lastSeen = client.frames().get(1).id();
    }
    notifier.publish(1, 1, "r-b");

    try (SseTestClient resumed =
            SseTestClient.connect(vertx, http, port, "/events", Map.of("Last-Event-ID", lastSeen));
        SseTestClient oldStyle =
            SseTestClient.connect(vertx, http, port, "/events?lastEventId=1-0")) {
      await().until(() -> resumed.frames().size() == 2 && oldStyle.frames().size() == 2);

      assertThat(lastSeen).isEqualTo("v2.1.1");
      assertThat(resumed.frames())
          .extracting(SseTestClient.Frame::id)
          .containsExactly("v2.2.1", "v2.2.2");
      assertThat(oldStyle.frames())
          .extracting(SseTestClient.Frame::id)
          .containsExactly("v2.2.1", "v2.2.2");
    }
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    try (SseTestClient client = SseTestClient.connect(vertx, http, port, "/events")) {
      await().until(() -> client.comments().size() >= 2);

      assertThat(client.comments()).containsOnly("heartbeat");
      assertThat(client.frames()).isEmpty();
    }
  }

  @Test
  void aClientThatCannotKeepUpIsDroppedWhileTheOthersGetEverything() throws Exception {
    SseTestClient fast = SseTestClient.connect(vertx, http, port, "/events");
    SseTestClient slow = SseTestClient.connect(vertx, http, port, "/events");
    slow.response().pause(); // stops reading: its TCP window and the server's queue fill up
    await().until(() -> health().getInteger("clients") == 2);
    String bulk = "x".repeat(64 * 1024);
    int events = 200;
    for (int offset = 0; offset < events; offset++) {
      // The fast client keeps up (never half a backlog behind); the paused one cannot.
      int sent = offset;
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> fast.frames().size() >= sent - MAX_BACKLOG / 2);
      notifier.publish(
          new FeedEvent(
              new EventPosition(0, offset),
              StreamPosition.of(Map.of(0, offset + 1L)),
              RolloutId.of("r-a"),
              "Big",
              bulk));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> fast.frames().size() == events);
    await().until(() -> health().getInteger("clients") == 1);
    assertThat(fast.frames())
        .extracting(SseTestClient.Frame::id)
        .containsExactlyElementsOf(
            IntStream.range(0, events).mapToObj(o -> "v2." + Long.toString(o + 1, 36)).toList());
    slow.response().resume(); // reads what was sent before the drop, then sees the close
    await().atMost(Duration.ofSeconds(30)).until(slow::connectionClosed);
    assertThat(slow.frames().size()).isLessThan(events);
    fast.close();
  }

  @Test
  void anInvalidRolloutGetsAProblemNamingTheParameter() throws Exception {
    HttpResponse<Buffer> response = get("/events?rollout=not%20a%20rollout");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("title")).isEqualTo("Bad Request");
    assertThat(problem.getString("detail"))
        .startsWith("rollout: ")
        .contains("'not a rollout' is not a rollout id");
  }

  @Test
  void anInvalidLastEventIdGetsAProblemSayingWhatAnIdLooksLike() throws Exception {
    HttpResponse<Buffer> byHeader =
        web.get(port, "127.0.0.1", "/events")
            .putHeader("Last-Event-ID", "yesterday")
            .send()
            .await(10, TimeUnit.SECONDS);
    HttpResponse<Buffer> byQuery = get("/events?lastEventId=7");

    assertThat(byHeader.statusCode()).isEqualTo(400);
    assertThat(byHeader.bodyAsJsonObject().getString("detail"))
        .startsWith("Last-Event-ID header: ")
        .contains("v2.")
        .contains("<partition>-<offset>");
    assertThat(byQuery.statusCode()).isEqualTo(400);
    assertThat(byQuery.bodyAsJsonObject().getString("detail")).startsWith("lastEventId: ");
  }

  @Test
  void browsersCannotPublishThroughTheNotifier() throws Exception {
    HttpResponse<Buffer> post =
        web.post(port, "127.0.0.1", "/events")
            .sendJsonObject(new JsonObject().put("type", "RolloutAccepted"))
            .await(10, TimeUnit.SECONDS);

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(post.bodyAsJsonObject().getString("detail")).contains("only serves GET");
  }

  @Test
  void anUnknownPathGetsAProblem() throws Exception {
    HttpResponse<Buffer> response = get("/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void healthSaysUpAndCountsEventsAndClients() throws Exception {
    notifier.publish(0, 0, "r-a");

    await().until(() -> health().getLong("eventsSeen") == 1);
    JsonObject health = health();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getInteger("clients")).isZero();
    assertThat(health.fieldNames()).contains("status", "eventsSeen", "clients", "held");
    assertThat(health.getJsonObject("transports"))
        .isEqualTo(new JsonObject().put("sse", 0).put("websocket", 0));
    assertThat(health.getInteger("catchingUp")).isZero();
    assertThat(health.getJsonArray("webhooks")).isEmpty();
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return web.get(port, "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
  }

  private JsonObject health() throws Exception {
    HttpResponse<Buffer> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    return response.bodyAsJsonObject();
  }
}
