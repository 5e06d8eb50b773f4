package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as deployed: a verticle on the real broker, answering commands on their topics. */
class MigrationWorkerIT {
  private static final DeviceId RV = DeviceId.of("rv-it-0001");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir static Path fleet;
  @TempDir static Path data;

  private static KafkaSettings kafka;
  private static Vertx vertx;
  private static MigrationWorkerVerticle worker;
  private static Publisher publisher;
  private static TopicReader<WorkerReply> replyReader;
  private static TopicReader<DeviceInventoryReport> deviceReader;
  private static final Map<CommandId, WorkerReply> replies = new ConcurrentHashMap<>();
  private static final Map<DeviceId, DeviceInventoryReport> inventory = new ConcurrentHashMap<>();

  @BeforeAll
  static void startTheWorker() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    // The catalogue is on the topic before the worker starts; the device at V1 is on disk.
    TestSets.garage().forEach(script -> publisher.sendAndWait(Topics.MIGRATIONS, script));
    Garage.deviceAt(new TestWorker(fleet, TestSets.garageCatalogue()), fleet, RV, 1);
    replyReader =
        TopicReader.fromBeginning(
                kafka, Topics.REPLIES, in -> replies.put(in.value().commandId(), in.value()))
            .start();
    deviceReader =
        TopicReader.fromBeginning(
                kafka,
                Topics.DEVICE_INVENTORY,
                in -> inventory.put(in.value().deviceId(), in.value()))
            .start();
    vertx = Vertx.vertx();
    worker =
        new MigrationWorkerVerticle(
            new MigrationWorkerConfig(kafka, fleet, FleetLayout.DEFAULT, data, freePort()));
    vertx
        .deployVerticle(worker)
        .toCompletionStage()
        .toCompletableFuture()
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopTheWorker() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (AutoCloseable closeable : new AutoCloseable[] {replyReader, deviceReader, publisher}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void announcesTheFleetAndAnswersEveryStepOfAMigrationOnTheReplyTopic() {
    await("the start-up inventory report").atMost(PATIENCE).until(() -> inventory.containsKey(RV));
    assertThat(inventory.get(RV).schemaVersion()).isEqualTo(VersionId.of(1));

    SafetyCheckPassed passed =
        send(
            Commands.safetyCheck(RV, TestSets.GARAGE, VersionId.of(3), false),
            SafetyCheckPassed.class);
    assertThat(passed.currentVersion()).isEqualTo(VersionId.of(1));

    ApplyMigrations migrate = Commands.migrate(RV, TestSets.GARAGE, VersionId.of(3));
    MigrationsApplied applied = send(migrate, MigrationsApplied.class);
    assertThat(applied.appliedVersions()).containsExactly(VersionId.of(2), VersionId.of(3));
    assertThat(applied.causationId()).isEqualTo(migrate.messageId());
    await("the inventory report after migrating")
        .atMost(PATIENCE)
        .until(() -> inventory.get(RV).schemaVersion().equals(VersionId.of(3)));

    VerificationPassed verified =
        send(Commands.verify(RV, TestSets.GARAGE, VersionId.of(3)), VerificationPassed.class);
    assertThat(verified.version()).isEqualTo(VersionId.of(3));

    RolledBack rolledBack =
        send(Commands.rollback(RV, TestSets.GARAGE, VersionId.of(1)), RolledBack.class);
    assertThat(rolledBack.version()).isEqualTo(VersionId.of(1));
    assertThat(
            DeviceFiles.count(
                DeviceFiles.path(fleet, RV), "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
  }

  @Test
  void servesTheCensusOfItsFleetOverHttp() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + worker.httpPort() + "/api/census?set=garage"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject census = new JsonObject(response.body());
    assertThat(census.getString("set")).isEqualTo("garage");
    assertThat(census.getJsonArray("devices").stream().map(JsonObject.class::cast))
        .anySatisfy(
            device -> {
              assertThat(device.getString("device")).isEqualTo(RV.value());
              assertThat(device.getString("status")).isEqualTo("tracked");
            });
  }

  /** A port free a moment ago: the worker's configuration takes 0 for no HTTP at all. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRedeliveredMigrateCommandGetsTheRecordedReplyAgain() {
    DeviceId device = DeviceId.of("rv-it-0002");
    Path file = DeviceFiles.createEmpty(fleet, device);
    ApplyMigrations migrate = Commands.migrate(device, TestSets.GARAGE, VersionId.of(2));
    MigrationsApplied first = send(migrate, MigrationsApplied.class);
    replies.remove(migrate.commandId());

    MigrationsApplied second = send(migrate, MigrationsApplied.class);

    assertThat(second).isEqualTo(first);
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM flotilla_schema_history"))
        .isEqualTo(2);
  }

  @Test
  void aDryRunIsRehearsedOnACopyAgainWhenRedeliveredAndTheDeviceKeepsEveryByte() throws Exception {
    DeviceId device = DeviceId.of("rv-it-0003");
    Path file =
        Garage.deviceAt(new TestWorker(fleet, TestSets.garageCatalogue()), fleet, device, 1);
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);
    ApplyMigrations dryRun = Commands.dryRun(device, TestSets.GARAGE, VersionId.of(4));

    MigrationRehearsed first = send(dryRun, MigrationRehearsed.class);
    replies.remove(dryRun.commandId());
    MigrationRehearsed second = send(dryRun, MigrationRehearsed.class);

    assertThat(first.fromVersion()).isEqualTo(VersionId.of(1));
    assertThat(first.toVersion()).isEqualTo(VersionId.of(4));
    assertThat(second.messageId()).isNotEqualTo(first.messageId());
    assertThat(second.sizeAfterBytes()).isEqualTo(first.sizeAfterBytes());
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
    try (Stream<Path> scratch = Files.list(data.resolve("rehearsals"))) {
      assertThat(scratch).isEmpty();
    }
  }

  @Test
  void aMigrationWaitingForItsDevicesApplicationHoldsBackNoOtherDevicesReply() throws Exception {
    DeviceId busy = DeviceId.of("rv-it-0004");
    DeviceId free = DeviceId.of("rv-it-0005");
    Path busyFile = DeviceFiles.createEmpty(fleet, busy);
    DeviceFiles.createEmpty(fleet, free);
    ApplyMigrations waiting =
        Commands.migrateWaitingForLock(busy, TestSets.GARAGE, VersionId.of(2), 60);

    // The busy device's application is in the middle of a write, longer than the test waits.
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + busyFile);
        Statement statement = application.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      publisher.sendAndWait(Topics.commands(Step.MIGRATE), waiting);
      ApplyMigrations quick = Commands.migrate(free, TestSets.GARAGE, VersionId.of(2));
      publisher.sendAndWait(Topics.commands(Step.MIGRATE), quick);

      await("the other device's reply, while the busy one still waits")
          .atMost(Duration.ofSeconds(40))
          .until(() -> replies.containsKey(quick.commandId()));
      assertThat(replies.get(quick.commandId())).isInstanceOf(MigrationsApplied.class);
      assertThat(replies).doesNotContainKey(waiting.commandId());
      statement.execute("ROLLBACK");
    }

    await("the busy device's reply once its application let go")
        .atMost(PATIENCE)
        .until(() -> replies.containsKey(waiting.commandId()));
    assertThat(replies.get(waiting.commandId())).isInstanceOf(MigrationsApplied.class);
    assertThat(DeviceFiles.count(busyFile, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(2);
  }

  @Test
  void aCommandForADeviceWithoutDatabaseIsAnsweredWithAnInfrastructureFailure() {
    MigrationFailed failed =
        send(
            Commands.migrate(DeviceId.of("rv-it-missing"), TestSets.GARAGE, VersionId.of(2)),
            MigrationFailed.class);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
  }

  private static <R extends WorkerReply> R send(WorkerCommand command, Class<R> expected) {
    publisher.sendAndWait(Topics.commands(command.step()), command);
    await("the reply to " + command.commandId())
        .atMost(PATIENCE)
        .until(() -> replies.containsKey(command.commandId()));
    WorkerReply reply = Optional.ofNullable(replies.get(command.commandId())).orElseThrow();
    assertThat(reply).isInstanceOf(expected);
    return expected.cast(reply);
  }
}
