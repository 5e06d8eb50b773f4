package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resuming on the real broker: over WebSocket and SSE, after a notifier restart with events
 * published while it was down, and from further back than the notifier holds.
 */
class StreamResumeIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final MessageCodec CODEC = new MessageCodec();

  private static KafkaSettings kafka;
  private static Vertx vertx;
  private static Publisher publisher;
  private static HttpClient http;
  private static WebSocketClient sockets;
  private static WebClient web;

  private final List<String> deployments = new ArrayList<>();

  @BeforeAll
  static void connect() {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
    sockets = vertx.createWebSocketClient();
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (publisher != null) {
      publisher.close();
    }
  }

  @AfterEach
  void stopNotifiers() throws Exception {
    for (String deployment : deployments) {
      vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWebSocketClientGetsItsRolloutsEventsAndResumesAfterItsLastId() throws Exception {
    int port = start(new NotifierConfig(kafka, 0)).port;
    ItEvents rollout = ItEvents.newRollout();
    List<RolloutEvent> before =
        publish(rollout.accepted(), rollout.dispatched("rv-0001"), rollout.dispatched("rv-0002"));
    String lastId;
    try (WsTestClient client =
        WsTestClient.connect(sockets, port, "/events/ws?rollout=" + rollout.rollout())) {
      await().atMost(PATIENCE).until(() -> client.messages().size() >= 3);
      assertThat(decoded(client)).containsExactlyElementsOf(before);
      assertThat(client.messages())
          .extracting(m -> m.getString("type"))
          .containsExactly("RolloutAccepted", "StepDispatched", "StepDispatched");
      lastId = client.lastId();
    }
    List<RolloutEvent> after = publish(rollout.dispatched("rv-0003"), rollout.halted());

    try (WsTestClient resumed =
        WsTestClient.connect(
            sockets, port, "/events/ws?rollout=" + rollout.rollout() + "&lastEventId=" + lastId)) {
      // Exactly two, and still two a while later: room for a duplicate to show, if there were one.
      await().atMost(PATIENCE).until(() -> resumed.messages().size() >= 2);
      await()
          .during(Duration.ofMillis(500))
          .atMost(PATIENCE)
          .until(() -> resumed.messages().size() == 2);
      assertThat(decoded(resumed)).containsExactlyElementsOf(after);
    }
  }

  @Test
  void aClientResumingAfterARestartGetsEveryEventPublishedMeanwhileOnceAndInOrder()
      throws Exception {
    Notifier first = start(new NotifierConfig(kafka, 0));
    List<ItEvents> rollouts = IntStream.range(0, 6).mapToObj(i -> ItEvents.newRollout()).toList();
    List<RolloutEvent> seenBefore = new ArrayList<>();
    rollouts.forEach(r -> seenBefore.addAll(publish(r.accepted(), r.dispatched("rv-0001"))));
    List<String> firstVisit;
    String lastId;
    try (WsTestClient client = WsTestClient.connect(sockets, first.port, "/events/ws")) {
      await().atMost(PATIENCE).until(() -> messageIds(client).containsAll(ids(seenBefore)));
      List<JsonObject> received = client.messages(); // one snapshot: ids and last id agree
      firstVisit = ids(received.stream().map(StreamResumeIT::decode).toList());
      lastId = received.get(received.size() - 1).getString("id");
    }
    stop(first);
    List<RolloutEvent> meanwhile = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      rollouts.forEach(r -> meanwhile.addAll(publish(r.dispatched("rv-0002"))));
    }

    Notifier second = start(new NotifierConfig(kafka, 0));
    try (SseTestClient resumed =
        SseTestClient.connect(
            vertx, http, second.port, "/events", Map.of("Last-Event-ID", lastId))) {
      await().atMost(PATIENCE).until(() -> frameIds(resumed).containsAll(ids(meanwhile)));
      // No duplicate, and still none a while later.
      await()
          .during(Duration.ofMillis(500))
          .atMost(PATIENCE)
          .until(() -> frameIds(resumed).stream().distinct().count() == frameIds(resumed).size());
      List<String> secondVisit = frameIds(resumed);

      assertThat(secondVisit).doesNotHaveDuplicates();
      assertThat(intersection(firstVisit, secondVisit)).as("seen twice").isEmpty();
      for (ItEvents rollout : rollouts) {
        assertThat(eventsOf(rollout, decodedFrames(resumed)))
            .containsExactlyElementsOf(eventsOf(rollout, meanwhile));
      }
    }
  }

  @Test
  void aClientFurtherBehindThanTheHistoryIsCaughtUpFromKafka() throws Exception {
    int port = start(new NotifierConfig(kafka, 0, 5, NotifierConfig.DEFAULT_HEARTBEAT)).port;
    ItEvents rollout = ItEvents.newRollout();
    ItEvents other = ItEvents.newRollout();
    publish(rollout.accepted(), rollout.dispatched("rv-0001"));
    String lastId;
    try (SseTestClient client =
        SseTestClient.connect(vertx, http, port, "/events?rollout=" + rollout.rollout())) {
      await().atMost(PATIENCE).until(() -> client.frames().size() >= 2);
      lastId = client.frames().get(1).id();
    }
    long seenBefore = health(port).getLong("eventsSeen");
    List<RolloutEvent> missed = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      missed.addAll(publish(rollout.dispatched("rv-" + (1000 + i))));
      publish(other.dispatched("rv-" + (1000 + i)));
    }
    String lastMissed = ids(missed).get(missed.size() - 1);
    await().atMost(PATIENCE).until(() -> health(port).getLong("eventsSeen") >= seenBefore + 60);
    assertThat(health(port).getInteger("held")).isEqualTo(5);

    try (WsTestClient resumed =
        WsTestClient.connect(
            sockets, port, "/events/ws?rollout=" + rollout.rollout() + "&lastEventId=" + lastId)) {
      await().atMost(PATIENCE).until(() -> messageIds(resumed).contains(lastMissed));
      RolloutEvent live = publish(rollout.halted()).get(0);
      await().atMost(PATIENCE).until(() -> resumed.messages().size() >= missed.size() + 1);

      List<RolloutEvent> expected = new ArrayList<>(missed);
      expected.add(live);
      assertThat(decoded(resumed)).containsExactlyElementsOf(expected);
      assertIdsNeverGoBack(resumed.ids());
    }
  }

  @Test
  void aSlowWebSocketClientIsDroppedWhileTheOthersKeepReceiving() throws Exception {
    int port =
        start(new NotifierConfig(kafka, 0, 5, NotifierConfig.DEFAULT_HEARTBEAT).withMaxLiveLag(20))
            .port;
    ItEvents rollout = ItEvents.newRollout();
    String uri = "/events/ws?rollout=" + rollout.rollout();
    WsTestClient fast = WsTestClient.connect(sockets, port, uri);
    WsTestClient slow = WsTestClient.connect(sockets, port, uri);
    slow.socket().pause(); // stops reading: its TCP window and the server's queue fill up
    await().atMost(PATIENCE).until(() -> websocketClients(port) == 2);
    String bulk = "x".repeat(64 * 1024);
    List<RolloutEvent> published = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      published.add(rollout.aborted(i + " " + bulk));
    }
    // In steps a reading client keeps up with; the paused one falls further behind each step.
    for (int step = 0; step < published.size(); step += 20) {
      List<RolloutEvent> batch = published.subList(step, step + 20);
      CompletableFuture.allOf(
              batch.stream()
                  .map(event -> publisher.send(Topics.EVENTS, event))
                  .toArray(CompletableFuture[]::new))
          .get(60, TimeUnit.SECONDS);
      int sent = step + batch.size();
      await().atMost(PATIENCE).until(() -> fast.messages().size() >= sent);
    }
    await().atMost(PATIENCE).until(() -> fast.messages().size() >= published.size());
    await().atMost(PATIENCE).until(() -> websocketClients(port) == 1);
    assertThat(decoded(fast)).containsExactlyElementsOf(published);
    slow.socket().resume(); // reads what was sent before the drop, then the close
    await().atMost(PATIENCE).until(slow::closedByServer);
    assertThat(slow.messages().size()).isLessThan(published.size());
    assertThat(slow.socket().closeStatusCode()).isEqualTo(WebSocketBridge.TOO_FAR_BEHIND);
    fast.close();
  }

  private record Notifier(String deployment, int port) {}

  private Notifier start(NotifierConfig config) throws Exception {
    NotifierVerticle notifier = new NotifierVerticle(config);
    String deployment = vertx.deployVerticle(notifier).await(60, TimeUnit.SECONDS);
    deployments.add(deployment);
    return new Notifier(deployment, notifier.actualPort());
  }

  private void stop(Notifier notifier) throws Exception {
    vertx.undeploy(notifier.deployment()).await(30, TimeUnit.SECONDS);
    deployments.remove(notifier.deployment());
  }

  private static List<RolloutEvent> publish(RolloutEvent... events) {
    for (RolloutEvent event : events) {
      publisher.sendAndWait(Topics.EVENTS, event);
    }
    return List.of(events);
  }

  private static JsonObject health(int port) throws Exception {
    HttpResponse<Buffer> response =
        web.get(port, "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static int websocketClients(int port) throws Exception {
    return health(port).getJsonObject("transports").getInteger("websocket");
  }

  private static void assertIdsNeverGoBack(List<String> ids) {
    StreamPosition previous = StreamPosition.START;
    for (String id : ids) {
      StreamPosition position = StreamPosition.parse(id);
      assertThat(position.atOrPast(previous)).as("%s after %s", id, previous).isTrue();
      assertThat(position).isNotEqualTo(previous);
      previous = position;
    }
  }

  private static List<RolloutEvent> decoded(WsTestClient client) {
    return client.messages().stream().map(StreamResumeIT::decode).toList();
  }

  private static RolloutEvent decode(JsonObject message) {
    return CODEC.decode(message.getJsonObject("event").encode(), RolloutEvent.class);
  }

  private static List<RolloutEvent> decodedFrames(SseTestClient client) {
    return client.frames().stream()
        .map(frame -> CODEC.decode(frame.data(), RolloutEvent.class))
        .toList();
  }

  private static List<String> messageIds(WsTestClient client) {
    return ids(decoded(client));
  }

  private static List<String> frameIds(SseTestClient client) {
    return ids(decodedFrames(client));
  }

  private static List<String> ids(List<RolloutEvent> events) {
    return events.stream().map(e -> e.messageId().value().toString()).toList();
  }

  private static List<RolloutEvent> eventsOf(ItEvents rollout, List<RolloutEvent> events) {
    return events.stream().filter(e -> e.rolloutId().equals(rollout.rollout())).toList();
  }

  private static Set<String> intersection(List<String> a, List<String> b) {
    Set<String> common = new HashSet<>(a);
    common.retainAll(b.stream().collect(Collectors.toSet()));
    return common;
  }
}
