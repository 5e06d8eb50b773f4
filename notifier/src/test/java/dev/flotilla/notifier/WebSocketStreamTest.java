package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.id.RolloutId;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /events/ws} on a hand-fed notifier (the ITs feed it from Kafka). */
class WebSocketStreamTest {
  private static final int HISTORY = 10;
  private static final int MAX_BACKLOG = 20;

  private Vertx vertx;
  private HandFedNotifier notifier;
  private WebSocketClient sockets;
  private WebClient web;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    notifier = new HandFedNotifier(HISTORY, MAX_BACKLOG);
    vertx.deployVerticle(notifier).await(10, TimeUnit.SECONDS);
    port = notifier.port();
    sockets = vertx.createWebSocketClient();
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void eachEventIsOneJsonMessageWithItsIdTypeAndEventHeldOnesFirstThenLive() throws Exception {
    FeedEvent held = notifier.publish(0, 0, "r-a");
    await().until(() -> health().getLong("eventsSeen") == 1);

    try (WsTestClient client = WsTestClient.connect(sockets, port, "/events/ws")) {
      FeedEvent live = notifier.publish(1, 0, "r-b");

      await().until(() -> client.messages().size() == 2);
      JsonObject first = client.messages().get(0);
      assertThat(first.fieldNames()).containsExactly("id", "type", "event");
      assertThat(first.getString("id")).isEqualTo(held.id()).isEqualTo("v2.1");
      assertThat(first.getString("type")).isEqualTo("StepDispatched");
      assertThat(first.getJsonObject("event")).isEqualTo(new JsonObject(held.json()));
      assertThat(client.messages().get(1).getString("id")).isEqualTo(live.id()).isEqualTo("v2.1.1");
      assertThat(health().getJsonObject("transports").getInteger("websocket")).isEqualTo(1);
    }
    await().until(() -> health().getInteger("clients") == 0);
  }

  @Test
  void theRolloutParameterKeepsOneRolloutAndResumingKeepsTheFilter() throws Exception {
    notifier.publish(0, 0, "r-a");
    notifier.publish(1, 0, "r-b");
    notifier.publish(0, 1, "r-a");
    String resumeAt;
    try (WsTestClient client = WsTestClient.connect(sockets, port, "/events/ws?rollout=r-a")) {
      await().until(() -> client.messages().size() == 2);
      assertThat(rollouts(client)).containsExactly("r-a", "r-a");
      resumeAt = client.ids().get(0);
    }
    notifier.publish(1, 1, "r-b");
    notifier.publish(0, 2, "r-a");

    try (WsTestClient resumed =
        WsTestClient.connect(sockets, port, "/events/ws?rollout=r-a&lastEventId=" + resumeAt)) {
      await().until(() -> resumed.messages().size() == 2);
      assertThat(events(resumed)).containsExactly("0-1", "0-2");
    }
  }

  @Test
  void aClientFurtherBehindThanTheHistoryGetsEverythingItMissedOnceInOrder() throws Exception {
    notifier.publish(0, 0, "r-a");
    notifier.publish(1, 0, "r-a");
    String resumeAt;
    try (WsTestClient client = WsTestClient.connect(sockets, port, "/events/ws")) {
      await().until(() -> client.messages().size() == 2);
      resumeAt = client.lastId();
    }
    List<String> missed =
        IntStream.range(1, 3 * HISTORY)
            .mapToObj(i -> notifier.publish(i % 2, i, "r-a").position().toString())
            .toList();
    await().until(() -> health().getLong("eventsSeen") == 3 * HISTORY + 1);

    try (WsTestClient resumed =
        WsTestClient.connect(sockets, port, "/events/ws?lastEventId=" + resumeAt)) {
      await().until(() -> resumed.messages().size() == missed.size());
      FeedEvent live = notifier.publish(0, 1000, "r-a");
      await().until(() -> resumed.messages().size() == missed.size() + 1);

      assertThat(events(resumed).subList(0, missed.size())).containsExactlyElementsOf(missed);
      assertThat(resumed.lastId()).isEqualTo(live.id());
      assertThat(notifier.catchUps()).isEqualTo(1);
      assertIdsNeverGoBack(resumed.ids());
    }
  }

  @Test
  void afterARestartAClientAheadOfTheNotifierGetsOnlyWhatItHasNotSeen() throws Exception {
    // It saw partition 0 up to offset 2 and partition 1 up to offset 1 from the run before.
    String seen = "v2.3.2";
    try (WsTestClient client =
        WsTestClient.connect(sockets, port, "/events/ws?lastEventId=" + seen)) {
      // This run reads partition 1 first.
      notifier.publish(1, 0, "r-b");
      notifier.publish(1, 1, "r-b");
      notifier.publish(1, 2, "r-b");
      notifier.publish(0, 0, "r-a");
      notifier.publish(0, 1, "r-a");
      notifier.publish(0, 2, "r-a");
      notifier.publish(0, 3, "r-a");

      await().until(() -> client.messages().size() == 2);
      assertThat(events(client)).containsExactly("1-2", "0-3");
      // Never behind what the client had seen, though this run was behind it when it sent 1-2.
      assertThat(client.ids()).containsExactly("v2.3.3", "v2.4.3");
    }
  }

  @Test
  void aClientThatCannotKeepUpIsDroppedWhileTheOthersGetEverything() throws Exception {
    WsTestClient fast = WsTestClient.connect(sockets, port, "/events/ws");
    WsTestClient slow = WsTestClient.connect(sockets, port, "/events/ws");
    slow.socket().pause(); // stops reading: its TCP window and the server's queue fill up
    await().until(() -> health().getInteger("clients") == 2);
    String bulk = "\"" + "x".repeat(64 * 1024) + "\"";
    int events = 200;
    // In steps a reading client keeps up with; the paused one falls further behind each step.
    for (int offset = 0; offset < events; offset++) {
      notifier.publish(
          new FeedEvent(
              new EventPosition(0, offset),
              StreamPosition.of(Map.of(0, offset + 1L)),
              RolloutId.of("r-a"),
              "Big",
              "{\"bulk\":" + bulk + "}"));
      if (offset % 10 == 9) {
        int sent = offset + 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.messages().size() == sent);
      }
    }

    await().until(() -> health().getInteger("clients") == 1);
    assertThat(fast.ids())
        .containsExactlyElementsOf(
            IntStream.range(0, events).mapToObj(o -> "v2." + Long.toString(o + 1, 36)).toList());
    slow.socket().resume(); // reads what was sent before the drop, then the close
    await().atMost(Duration.ofSeconds(30)).until(slow::closedByServer);
    assertThat(slow.messages().size()).isLessThan(events);
    assertThat(slow.socket().closeStatusCode()).isEqualTo(WebSocketBridge.TOO_FAR_BEHIND);
    fast.close();
  }

  @Test
  void aPlainGetIsAProblemPointingAtTheUpgradeAndABadIdIsRefusedBeforeIt() throws Exception {
    HttpResponse<Buffer> plain =
        web.get(port, "127.0.0.1", "/events/ws").send().await(10, TimeUnit.SECONDS);

    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(plain.bodyAsJsonObject().getString("detail")).contains("Upgrade: websocket");
    assertThatThrownBy(() -> WsTestClient.connect(sockets, port, "/events/ws?lastEventId=7"))
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(400));
  }

  private static void assertIdsNeverGoBack(List<String> ids) {
    StreamPosition previous = StreamPosition.START;
    for (String id : ids) {
      StreamPosition position = StreamPosition.parse(id);
      assertThat(position.atOrPast(previous)).as("%s after %s", id, previous).isTrue();
      previous = position;
    }
  }

  /** Where each received event sits, as the stand-in JSON of the hand-fed events says. */
  private static List<String> events(WsTestClient client) {
    return client.messages().stream().map(m -> m.getJsonObject("event").getString("at")).toList();
  }

  private static List<String> rollouts(WsTestClient client) {
    return client.messages().stream()
        .map(m -> m.getJsonObject("event").getString("rolloutId"))
        .toList();
  }

  private JsonObject health() throws Exception {
    HttpResponse<Buffer> response =
        web.get(port, "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}
