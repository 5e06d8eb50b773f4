package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
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
import dev.flotilla.ops.access.AuthorizationTable;
import dev.flotilla.ops.access.Role;
import dev.flotilla.ops.access.TestAccess;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A notifier that checks tokens, with the real broker behind it and a stand-in for the
 * coordinator's API in front of its proxy: the streams are refused at the handshake without a
 * reader's token, and the page's token reaches the coordinator.
 */
class NotifierAccessIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final MessageCodec CODEC = new MessageCodec();

  private static Vertx vertx;
  private static Publisher publisher;
  private static HttpClient http;
  private static int port;

  @BeforeAll
  static void startNotifier() throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    vertx = Vertx.vertx();
    HttpServer coordinator =
        vertx
            .createHttpServer()
            .requestHandler(NotifierAccessIT::coordinator)
            .listen(0)
            .await(10, TimeUnit.SECONDS);
    NotifierVerticle notifier =
        new NotifierVerticle(
            new NotifierConfig(kafka, 0).withAccess(TestAccess.SETTINGS),
            DashboardConfig.localCoordinator(coordinator.actualPort()));
    vertx.deployVerticle(notifier).await(60, TimeUnit.SECONDS);
    port = notifier.actualPort();
    http = vertx.createHttpClient();
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

  /**
   * Every route, every kind of caller. The dashboard's files and the probes are open; the streams
   * and the proxy need a valid token (the coordinator then checks its role); the rest is for
   * administrators only.
   */
  @Test
  void everyRouteAnswersEveryKindOfCallerAsTheAuthorizationTableSays() throws Exception {
    String table =
        """
        route                   anonymous viewer operator approver admin expired forged
        GET /                   302 302 302 302 302 302 302
        GET /dashboard/         200 200 200 200 200 200 200
        GET /dashboard/app.js   200 200 200 200 200 200 200
        GET /health             200 200 200 200 200 200 200
        GET /health/live        200 200 200 200 200 200 200
        GET /health/ready       200 200 200 200 200 200 200
        GET /metrics            200 200 200 200 200 200 200
        GET /events             401 200 200 200 200 401 401
        GET /events/ws          401 400 400 400 400 401 401
        GET /api/rollouts       401 200 200 200 200 401 401
        POST /api/rollouts      401 202 202 202 202 401 401
        GET /nowhere            401 403 403 403 404 401 401
        DELETE /events          401 403 403 403 405 401 401
        """;
    List<String> mismatches =
        AuthorizationTable.mismatches(
            table,
            (method, path, authorization) -> {
              Answer answer = ask(HttpMethod.valueOf(method), path, authorization);
              return new AuthorizationTable.Answer(
                  answer.status(),
                  answer.headers().get("Content-Type"),
                  answer.headers().get("WWW-Authenticate"),
                  answer.body().toString());
            });
    assertThat(mismatches).isEmpty();
  }

  @Test
  void aBrowsersStreamCarriesItsTokenInTheQueryAndGetsEventsWithoutItNothing() throws Exception {
    RolloutId rollout = RolloutId.of("r-access-" + UUID.randomUUID().toString().substring(0, 8));
    String viewer = TestAccess.token("wall-screen", Role.VIEWER);
    publisher.sendAndWait(Topics.EVENTS, accepted(rollout));

    try (SseTestClient client =
        SseTestClient.connect(
            vertx, http, port, "/events?rollout=" + rollout + "&access_token=" + viewer)) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      await().atMost(PATIENCE).until(() -> !client.frames().isEmpty());
      assertThat(CODEC.decode(client.frames().get(0).data(), RolloutEvent.class).rolloutId())
          .isEqualTo(rollout);
    }
    Answer expired =
        ask(
            HttpMethod.GET,
            "/events?rollout=" + rollout + "&access_token=" + TestAccess.expired("wall-screen"),
            null);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().getString("detail")).isEqualTo("the token has expired");
    // Only the streams take a token from the query: a URL is easier to leak than a header.
    assertThat(ask(HttpMethod.GET, "/api/rollouts?access_token=" + viewer, null).status())
        .isEqualTo(401);
  }

  @Test
  void aWebSocketIsRefusedAtItsHandshakeWithoutAValidToken() throws Exception {
    RolloutId rollout = RolloutId.of("r-access-" + UUID.randomUUID().toString().substring(0, 8));
    publisher.sendAndWait(Topics.EVENTS, accepted(rollout));
    WebSocketClient sockets = vertx.createWebSocketClient();

    for (String refused :
        List.of(
            "/events/ws?rollout=" + rollout,
            "/events/ws?rollout=" + rollout + "&access_token=" + TestAccess.forged("x"))) {
      assertThatThrownBy(() -> WsTestClient.connect(sockets, port, refused))
          .isInstanceOfSatisfying(
              UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    }
    String token =
        URLEncoder.encode(TestAccess.token("wall-screen", Role.VIEWER), StandardCharsets.UTF_8);
    try (WsTestClient client =
        WsTestClient.connect(
            sockets, port, "/events/ws?rollout=" + rollout + "&access_token=" + token)) {
      await().atMost(PATIENCE).until(() -> !client.messages().isEmpty());
      assertThat(client.messages().get(0).getJsonObject("event").getString("rolloutId"))
          .isEqualTo(rollout.value());
    }
  }

  @Test
  void theDashboardsTokenIsPassedOnToTheCoordinatorWhichDecidesOnTheRole() throws Exception {
    String operator = TestAccess.bearer(TestAccess.token("dana", Role.OPERATOR));

    Answer answer = ask(HttpMethod.POST, "/api/rollouts/r-1/abort", operator);

    assertThat(answer.status()).isEqualTo(202);
    JsonObject seen = answer.json();
    assertThat(seen.getString("authorization")).isEqualTo(operator);
    assertThat(seen.getString("saw")).isEqualTo("POST /rollouts/r-1/abort");
  }

  /** An answer; the body of an event stream (which never ends) is not waited for. */
  private record Answer(int status, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private static Answer ask(HttpMethod method, String uri, String authorization) throws Exception {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return http.request(options)
        .compose(request -> request.send())
        .compose(
            response -> {
              if (String.valueOf(response.getHeader("Content-Type"))
                  .startsWith("text/event-stream")) {
                response.request().connection().close();
                return Future.succeededFuture(
                    new Answer(response.statusCode(), response.headers(), Buffer.buffer()));
              }
              return response
                  .body()
                  .map(body -> new Answer(response.statusCode(), response.headers(), body));
            })
        .await(10, TimeUnit.SECONDS);
  }

  /** The coordinator's API as far as these tests need it: it says what reached it. */
  private static void coordinator(HttpServerRequest request) {
    JsonObject saw =
        new JsonObject()
            .put("saw", request.method() + " " + request.uri())
            .put("authorization", request.getHeader("Authorization"));
    request
        .response()
        .setStatusCode(request.method() == HttpMethod.POST ? 202 : 200)
        .putHeader("Content-Type", "application/json")
        .end(saw.encode());
  }

  private static RolloutAccepted accepted(RolloutId rollout) {
    return new RolloutAccepted(
        MessageId.random(),
        rollout,
        1,
        MessageId.random(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        MigrationSetId.of("coachiq"),
        VersionId.of(5),
        List.of(DeviceId.of("rv-0001")),
        RolloutPolicy.DEFAULT,
        "ops@example.com");
  }
}
