package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.CoordinatorVerticle;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code flotilla status}, {@code audit} and {@code replay} against a running coordinator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCommandsIT {
  @TempDir static Path work;

  private final String rollout = "it-ops-" + UUID.randomUUID().toString().substring(0, 8);
  private KafkaSettings kafka;
  private ServiceProcesses jar;
  private Vertx vertx;
  private String api;

  @BeforeAll
  void startACoordinatorThatHasRejectedARollout() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
    vertx = Vertx.vertx();
    CoordinatorVerticle coordinator =
        new CoordinatorVerticle(new CoordinatorConfig(kafka, work.resolve("coordinator"), 0));
    vertx
        .deployVerticle(coordinator)
        .toCompletionStage()
        .toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    api = "http://127.0.0.1:" + coordinator.actualHttpPort();
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(
          Topics.UPDATE_REQUESTS,
          new UpdateRequest(
              RolloutId.of(rollout),
              MigrationSetId.of("no-such-set"),
              VersionId.of(5),
              Selector.everyDevice(),
              null,
              "it@example.com",
              null,
              null));
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ask = HttpRequest.newBuilder(URI.create(api + "/rollouts/" + rollout)).build();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> http.send(ask, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  @AfterAll
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void statusListsTheRolloutsAndShowsOneWithWhyItWasRejected() throws Exception {
    var list = jar.run(Map.of(), "status", "--api", api);
    var one = jar.run(Map.of(), "status", "--api", api, rollout);

    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).containsPattern(rollout + " +REJECTED");
    assertThat(one.exitCode()).as(one.output()).isZero();
    assertThat(one.output())
        .contains("Rollout " + rollout + ": REJECTED")
        .contains("requested by  it@example.com")
        .contains("no-such-set");
  }

  @Test
  void auditShowsEveryEventOfTheRollout() throws Exception {
    var audit = jar.run(Map.of(), "audit", "--api", api, "--rollout", rollout);

    assertThat(audit.exitCode()).as(audit.output()).isZero();
    assertThat(audit.output()).contains(rollout + " #1").contains("RolloutRejected");
  }

  @Test
  void anUnknownRolloutOrAnUnreachableApiIsOneLineAndExitCode2() throws Exception {
    var unknown = jar.run(Map.of(), "status", "--api", api, rollout + "-none");
    var unreachable = jar.run(Map.of(), "status", "--api", "http://127.0.0.1:1");
    var neither = jar.run(Map.of(), "audit", "--api", api);

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output().strip()).contains("no rollout").doesNotContain("\tat ");
    assertThat(unreachable.exitCode()).isEqualTo(2);
    assertThat(unreachable.output().strip())
        .contains("cannot reach the coordinator's API at http://127.0.0.1:1")
        .doesNotContain("\tat ");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.output()).contains("--rollout=ID | --device=ID");
  }

  @Test
  void replayIsRefusedWhileTheCoordinatorHoldsItsProjections() throws Exception {
    var replay =
        jar.run(
            Map.of(),
            "replay",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--data-dir",
            work.resolve("coordinator").toString());

    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.output()).contains("in use").doesNotContain("\tat ");
  }

  @Test
  void replayRebuildsTheProjectionsFromTheLogAndSaysWhatItApplied() throws Exception {
    Path copy = work.resolve("copy");
    var replay =
        jar.run(
            Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
            "replay",
            "--data-dir",
            copy.toString());

    assertThat(replay.exitCode()).as(replay.output()).isZero();
    assertThat(replay.output()).contains("Rebuilt " + copy.resolve("projections.db"));
    assertThat(replay.output()).containsPattern("events applied +[1-9]");
    assertThat(Files.list(copy).map(p -> p.getFileName().toString()).toList())
        .contains("projections.db");
    assertThat(List.of(replay.output().split("\n"))).anyMatch(l -> l.contains("next offsets"));
  }
}
