package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotifierVerticleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final MessageCodec CODEC = new MessageCodec();

  private static Vertx vertx;
  private static Publisher publisher;
  private static HttpClient http;
  private static WebClient web;
  private static int port;

  @BeforeAll
  static void startNotifier() throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    vertx = Vertx.vertx();
    NotifierVerticle notifier = new NotifierVerticle(new NotifierConfig(kafka, 0));
    vertx.deployVerticle(notifier).await(60, TimeUnit.SECONDS);
    port = notifier.actualPort();
    http = vertx.createHttpClient();
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void stopNotifier() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void eventsOfARolloutArriveAsSseFramesInOrderWithTheirPositionAndLogicalType() throws Exception {
    RolloutId rollout = newRollout();
    List<RolloutEvent> published =
        List.of(
            accepted(rollout, 1),
            dispatched(rollout, 2, "rv-0001"),
            dispatched(rollout, 3, "rv-0002"));
    publish(published.get(0));

    try (SseTestClient client =
        SseTestClient.connect(vertx, http, port, "/events?rollout=" + rollout)) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      assertThat(client.response().getHeader("Content-Type")).startsWith("text/event-stream");
      publish(published.get(1));
      publish(published.get(2));

      await().atMost(PATIENCE).until(() -> client.frames().size() >= 3);
      List<SseTestClient.Frame> frames = client.frames();
      assertThat(frames).hasSize(3);
      assertThat(frames)
          .extracting(SseTestClient.Frame::event)
          .containsExactly("RolloutAccepted", "StepDispatched", "StepDispatched");
      assertThat(frames)
          .extracting(frame -> CODEC.decode(frame.data(), RolloutEvent.class))
          .containsExactlyElementsOf(published);
      List<StreamPosition> ids =
          frames.stream().map(frame -> StreamPosition.parse(frame.id())).toList();
      // Each id is where the reader stands after the event: always further on.
      for (int i = 1; i < ids.size(); i++) {
        assertThat(ids.get(i).atOrPast(ids.get(i - 1))).isTrue();
        assertThat(ids.get(i)).isNotEqualTo(ids.get(i - 1));
      }
    }
  }

  @Test
  void theRolloutParameterKeepsOtherRolloutsOutOfTheStream() throws Exception {
    RolloutId wanted = newRollout();
    RolloutId other = newRollout();
    publish(accepted(wanted, 1));
    publish(accepted(other, 1));
    publish(dispatched(other, 2, "rv-0003"));
    publish(dispatched(wanted, 2, "rv-0004"));

    try (SseTestClient filtered =
            SseTestClient.connect(vertx, http, port, "/events?rollout=" + wanted);
        SseTestClient everything = SseTestClient.connect(vertx, http, port, "/events")) {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  rolloutsOf(everything).stream()
                          .filter(r -> r.equals(wanted) || r.equals(other))
                          .count()
                      == 4);
      await().atMost(PATIENCE).until(() -> filtered.frames().size() >= 2);

      assertThat(rolloutsOf(filtered)).containsExactly(wanted, wanted);
      assertThat(rolloutsOf(everything)).contains(wanted, other);
    }
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsOnlyTheEventsAfterIt() throws Exception {
    RolloutId rollout = newRollout();
    List<RolloutEvent> published =
        List.of(
            accepted(rollout, 1),
            dispatched(rollout, 2, "rv-0005"),
            dispatched(rollout, 3, "rv-0006"),
            dispatched(rollout, 4, "rv-0007"));
    publish(published.get(0));
    publish(published.get(1));
    publish(published.get(2));
    List<SseTestClient.Frame> firstVisit;
    try (SseTestClient client =
        SseTestClient.connect(vertx, http, port, "/events?rollout=" + rollout)) {
      await().atMost(PATIENCE).until(() -> client.frames().size() >= 3);
      firstVisit = client.frames();
    }

    try (SseTestClient byHeader =
            SseTestClient.connect(
                vertx,
                http,
                port,
                "/events?rollout=" + rollout,
                Map.of("Last-Event-ID", firstVisit.get(1).id()));
        SseTestClient byQuery =
            SseTestClient.connect(
                vertx,
                http,
                port,
                "/events?rollout=" + rollout + "&lastEventId=" + firstVisit.get(0).id())) {
      publish(published.get(3));

      await().atMost(PATIENCE).until(() -> byHeader.frames().size() >= 2);
      await().atMost(PATIENCE).until(() -> byQuery.frames().size() >= 3);
      // The replay comes before anything live, so the first frames show what was replayed.
      assertThat(decoded(byHeader)).containsExactly(published.get(2), published.get(3));
      assertThat(decoded(byQuery))
          .containsExactly(published.get(1), published.get(2), published.get(3));
      assertThat(byHeader.frames().get(0).id()).isEqualTo(firstVisit.get(2).id());
    }
  }

  @Test
  void healthCountsTheEventsSeenAndTheConnectedClients() throws Exception {
    long before = health().getLong("eventsSeen");
    RolloutId rollout = newRollout();
    publish(accepted(rollout, 1));
    publish(dispatched(rollout, 2, "rv-0008"));
    await().atMost(PATIENCE).until(() -> health().getLong("eventsSeen") >= before + 2);
    await().atMost(PATIENCE).until(() -> health().getInteger("clients") == 0);

    try (SseTestClient client =
        SseTestClient.connect(vertx, http, port, "/events?rollout=r-nobody")) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      await().atMost(PATIENCE).until(() -> health().getInteger("clients") == 1);
      assertThat(health().getString("status")).isEqualTo("UP");
    }

    await().atMost(PATIENCE).until(() -> health().getInteger("clients") == 0);
  }

  /**
   * What no client should send gets a problem, never a plain-text refusal, a 5xx or a hang; and the
   * probes and metrics every service serves are here too.
   */
  @Test
  void unreadableRequestsAreProblemsAndTheProbesAndMetricsAnswer() throws Exception {
    for (String uri :
        List.of(
            "/events?lastEventId=%ZZ",
            "/events%ZZ",
            "/events?rollout=%",
            "/dashboard/%C0%AF",
            "/api/rollouts/%ZZ",
            "/events/ws?lastEventId=v2.%%%",
            "/" + "x".repeat(6000))) {
      HttpResponse<Buffer> response =
          web.get(port, "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(uri).isBetween(400, 499);
      assertThat(response.getHeader("Content-Type")).as(uri).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(response.statusCode());
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        web.get(port, "127.0.0.1", "/health/ready")
                            .send()
                            .await(10, TimeUnit.SECONDS)
                            .statusCode())
                    .isEqualTo(200));
    assertThat(
            web.get(port, "127.0.0.1", "/metrics")
                .send()
                .await(10, TimeUnit.SECONDS)
                .bodyAsString())
        .contains("jvm_memory_used_bytes");
  }

  private static JsonObject health() throws Exception {
    HttpResponse<Buffer> response =
        web.get(port, "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<RolloutEvent> decoded(SseTestClient client) {
    return client.frames().stream()
        .map(frame -> CODEC.decode(frame.data(), RolloutEvent.class))
        .toList();
  }

  private static List<RolloutId> rolloutsOf(SseTestClient client) {
    return decoded(client).stream().map(RolloutEvent::rolloutId).toList();
  }

  private static void publish(RolloutEvent event) {
    publisher.sendAndWait(Topics.EVENTS, event);
  }

  private static RolloutId newRollout() {
    return RolloutId.of("r-it-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static RolloutAccepted accepted(RolloutId rollout, long sequence) {
    return new RolloutAccepted(
        MessageId.random(),
        rollout,
        sequence,
        MessageId.random(),
        now(),
        MigrationSetId.of("coachiq"),
        VersionId.of(5),
        List.of(DeviceId.of("rv-0001"), DeviceId.of("rv-0002")),
        RolloutPolicy.DEFAULT,
        "ops@example.com");
  }

  private static StepDispatched dispatched(RolloutId rollout, long sequence, String device) {
    MessageId eventId = MessageId.random();
    RunSafetyCheck command =
        new RunSafetyCheck(
            MessageId.random(),
            CommandId.of("c-" + UUID.randomUUID()),
            rollout,
            DeviceId.of(device),
            eventId,
            now(),
            now().plusSeconds(300),
            MigrationSetId.of("coachiq"),
            VersionId.of(5),
            false);
    return new StepDispatched(eventId, rollout, sequence, MessageId.random(), now(), command);
  }
}
