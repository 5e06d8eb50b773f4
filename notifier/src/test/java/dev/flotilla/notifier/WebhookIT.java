package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks on the real broker, to receivers that are real HTTP servers. */
class WebhookIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final WebhookSecret SECRET = WebhookSecret.of("it-secret");

  private static KafkaSettings kafka;
  private static Vertx vertx;
  private static Publisher publisher;
  private static WebClient web;

  private final List<String> deployments = new ArrayList<>();
  private final List<HttpServer> receivers = new ArrayList<>();
  private final Map<String, Integer> ports = new HashMap<>();

  /** One POST as a receiver got it, and what it answered. */
  private record Received(JsonObject body, String signature, String rawBody, int answered) {}

  @BeforeAll
  static void connect() {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    vertx = Vertx.vertx();
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
  void stopAll() throws Exception {
    for (String deployment : deployments) {
      vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
    for (HttpServer receiver : receivers) {
      receiver.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReceiverThatFailsForAWhileGetsEveryRolloutLevelEventInOrderWithoutLoss() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    int receiverPort = receiver(0, 3, received);
    String url = "http://127.0.0.1:" + receiverPort + "/hooks/" + UUID.randomUUID();
    int port = start(url);
    await().atMost(PATIENCE).until(() -> webhook(port).getBoolean("ready"));
    ItEvents rollout = ItEvents.newRollout();

    publish(rollout.accepted());
    List<RolloutEvent> owed = new ArrayList<>();
    owed.add(publish(rollout.awaitingApproval(2)));
    publish(rollout.dispatched("rv-0001"));
    publish(rollout.deviceFinished("rv-0001", DeviceOutcome.DONE));
    owed.add(publish(rollout.deviceFinished("rv-0002", DeviceOutcome.NEEDS_ATTENTION)));
    owed.add(publish(rollout.halted()));
    owed.add(publish(rollout.aborted("wave 2 broke the parts table")));
    owed.add(publish(rollout.finished()));

    await().atMost(PATIENCE).until(() -> taken(received, rollout).size() >= owed.size());
    assertThat(taken(received, rollout)).containsExactlyElementsOf(ids(owed));
    assertThat(received)
        .allMatch(
            r -> r.body().getString("rolloutId").equals(rollout.rollout().value()),
            "only what came after the receiver was configured");
    assertThat(received.subList(0, 3)).allMatch(r -> r.answered() == 500);
    assertThat(received.subList(0, 4))
        .extracting(r -> r.body().getString("id"))
        .containsOnly(ids(owed).get(0)); // the first event, tried until it was taken
    Received first = received.get(3);
    assertThat(first.body().getString("type")).isEqualTo("WaveAwaitingApproval");
    assertThat(first.body().getString("rolloutId")).isEqualTo(rollout.rollout().value());
    assertThat(first.body().getJsonObject("event").getInteger("wave")).isEqualTo(2);
    assertThat(received).allMatch(r -> SECRET.sign(r.rawBody()).equals(r.signature()));
    JsonObject health = webhook(port);
    assertThat(health.getString("url")).isEqualTo(url);
    assertThat(health.getLong("delivered")).isEqualTo(owed.size());
    assertThat(health.getInteger("pending")).isZero();
    assertThat(health.getString("lastError")).isEqualTo("HTTP 500");
    assertThat(health.getString("nextRetry")).isNull();
  }

  @Test
  void aReceiverDownAcrossANotifierRestartGetsWhatItWasOwedAfterTheRestart() throws Exception {
    int receiverPort = freePort();
    String url = "http://127.0.0.1:" + receiverPort + "/hooks/" + UUID.randomUUID();
    String first = deploy(url);
    int firstPort = portOf(first);
    await().atMost(PATIENCE).until(() -> webhook(firstPort).getBoolean("ready"));
    ItEvents rollout = ItEvents.newRollout();
    List<RolloutEvent> owed = new ArrayList<>();
    owed.add(publish(rollout.awaitingApproval(2)));
    owed.add(publish(rollout.halted()));
    await().atMost(PATIENCE).until(() -> webhook(firstPort).getString("lastError") != null);
    assertThat(webhook(firstPort).getLong("delivered")).isZero();
    assertThat(webhook(firstPort).getInteger("pending")).isPositive();
    assertThat(webhook(firstPort).getString("nextRetry")).isNotNull();
    vertx.undeploy(first).await(30, TimeUnit.SECONDS);
    deployments.remove(first);

    owed.add(publish(rollout.deviceFinished("rv-0003", DeviceOutcome.NEEDS_ATTENTION)));
    publish(rollout.dispatched("rv-0004"));
    owed.add(publish(rollout.finished()));
    List<Received> received = new CopyOnWriteArrayList<>();
    receiver(receiverPort, 0, received);
    int secondPort = start(url);

    await().atMost(PATIENCE).until(() -> taken(received, rollout).size() >= owed.size());
    // Still exactly what was owed a while later: room for a duplicate to show, if there were one.
    await()
        .during(Duration.ofMillis(500))
        .atMost(PATIENCE)
        .until(() -> received.size() == owed.size());
    assertThat(taken(received, rollout)).containsExactlyElementsOf(ids(owed));
    assertThat(received).hasSize(owed.size()); // nothing from before it was configured
    assertThat(webhook(secondPort).getLong("delivered")).isEqualTo(owed.size());
  }

  private int start(String url) throws Exception {
    return portOf(deploy(url));
  }

  private String deploy(String url) throws Exception {
    NotifierVerticle notifier =
        new NotifierVerticle(
            new NotifierConfig(kafka, 0)
                .withWebhooks(
                    WebhookSettings.NONE
                        .withTargets(List.of(WebhookTarget.parse(url)))
                        .withSecret(SECRET)
                        .withRetry(Duration.ofMillis(100), Duration.ofMillis(400))
                        .withTimeout(Duration.ofSeconds(5))));
    String deployment = vertx.deployVerticle(notifier).await(60, TimeUnit.SECONDS);
    deployments.add(deployment);
    ports.put(deployment, notifier.actualPort());
    return deployment;
  }

  private int portOf(String deployment) {
    return ports.get(deployment);
  }

  /** A receiver answering 500 to its first {@code failures} calls, 200 after. */
  private int receiver(int port, int failures, List<Received> received) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              int status = calls.incrementAndGet() <= failures ? 500 : 200;
                              received.add(
                                  new Received(
                                      body.toJsonObject(),
                                      request.getHeader(WebhookSecret.HEADER),
                                      body.toString(),
                                      status));
                              request.response().setStatusCode(status).end();
                            }));
    HttpServer listening = server.listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
    receivers.add(listening);
    return listening.actualPort();
  }

  private static int freePort() throws Exception {
    HttpServer probe =
        vertx
            .createHttpServer()
            .requestHandler(r -> {})
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    int port = probe.actualPort();
    probe.close().await(10, TimeUnit.SECONDS);
    return port;
  }

  /** The ids of the events of {@code rollout} the receiver took (answered 2xx), in order. */
  private static List<String> taken(List<Received> received, ItEvents rollout) {
    return received.stream()
        .filter(r -> r.answered() == 200)
        .filter(r -> r.body().getString("rolloutId").equals(rollout.rollout().value()))
        .map(r -> r.body().getString("id"))
        .toList();
  }

  private static RolloutEvent publish(RolloutEvent event) {
    publisher.sendAndWait(Topics.EVENTS, event);
    return event;
  }

  private static List<String> ids(List<RolloutEvent> events) {
    return events.stream().map(e -> e.messageId().value().toString()).toList();
  }

  private static JsonObject webhook(int port) throws Exception {
    HttpResponse<Buffer> response =
        web.get(port, "127.0.0.1", "/health").send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray webhooks = response.bodyAsJsonObject().getJsonArray("webhooks");
    assertThat(webhooks).hasSize(1);
    return webhooks.getJsonObject(0);
  }
}
