package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.States;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's own state against the worker's writes and against time, on the real broker: the worker
 * deployed as a verticle, the device's reports published on {@code flotilla.device-states} as a
 * device would, real SQLite files.
 */
class DeviceStateIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir static Path fleet;
  @TempDir static Path data;

  private static KafkaSettings kafka;
  private static Vertx vertx;
  private static Publisher publisher;
  private static TopicReader<WorkerReply> replyReader;
  private static final Map<CommandId, WorkerReply> replies = new ConcurrentHashMap<>();

  @BeforeAll
  static void startTheWorker() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    TestSets.garage().forEach(script -> publisher.sendAndWait(Topics.MIGRATIONS, script));
    replyReader =
        TopicReader.fromBeginning(
                kafka, Topics.REPLIES, in -> replies.put(in.value().commandId(), in.value()))
            .start();
    vertx = Vertx.vertx();
    vertx
        .deployVerticle(new MigrationWorkerVerticle(new MigrationWorkerConfig(kafka, fleet, data)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopTheWorker() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (AutoCloseable closeable : new AutoCloseable[] {replyReader, publisher}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void theWorkersReportsAfterMigratingAndRollingBackLeaveTheDrivingStateTheDeviceReported() {
    DeviceId device = DeviceId.of("rv-state-0001");
    Path file = deviceAt(device, 1);
    report(States.now(device, DeviceConditions.IDLE));
    send(Commands.migrate(device, TestSets.GARAGE, VersionId.of(3)), MigrationsApplied.class);

    report(States.now(device, States.DRIVING));
    // Rolling back is never refused for the device's state, and is followed by an inventory report.
    send(Commands.rollback(device, TestSets.GARAGE, VersionId.of(1)), RolledBack.class);

    ReportedDevices read = readTopicsAfresh();
    assertThat(read.conditions(device)).contains(States.DRIVING);
    assertThat(read.inventory(device).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(1));
    assertThat(stateRecordsOf(device))
        .as("only the device writes its state")
        .extracting(DeviceStateReport::conditions)
        .containsExactly(DeviceConditions.IDLE, States.DRIVING);
    assertThat(
            reasons(
                send(
                    Commands.safetyCheck(device, TestSets.GARAGE, VersionId.of(3), true),
                    SafetyCheckFailed.class)))
        .extracting(SafetyReason::code)
        .containsExactly("vehicle-moving");
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
  }

  @Test
  void aStaleParkedReportWrittenAfterDrivingCannotOverwriteIt() {
    DeviceId device = DeviceId.of("rv-state-0002");
    Path file = deviceAt(device, 1);
    Instant drivingSince = Instant.now();
    report(States.observedAt(device, States.DRIVING, drivingSince));
    // Observed before the device started driving, delivered after: a stale word.
    report(States.observedAt(device, DeviceConditions.IDLE, drivingSince.minusSeconds(10)));

    assertThat(readTopicsAfresh().conditions(device)).contains(States.DRIVING);
    assertThat(
            reasons(
                send(
                    Commands.safetyCheck(device, TestSets.GARAGE, VersionId.of(3), true),
                    SafetyCheckFailed.class)))
        .extracting(SafetyReason::code)
        .containsExactly("vehicle-moving");
    MigrationFailed refused =
        send(Commands.migrate(device, TestSets.GARAGE, VersionId.of(3)), MigrationFailed.class);
    assertThat(refused.failure().is(Failure.UNSAFE_DEVICE_STATE)).isTrue();
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
  }

  @Test
  void aDeviceThatStartsDrivingAfterItsSafetyCheckPassedIsNotMigratedUntilItParks() {
    DeviceId device = DeviceId.of("rv-state-0003");
    Path file = deviceAt(device, 1);
    String before = DeviceFiles.dump(file);
    report(States.now(device, DeviceConditions.IDLE));
    send(
        Commands.safetyCheck(device, TestSets.GARAGE, VersionId.of(3), true),
        SafetyCheckPassed.class);

    report(States.now(device, States.DRIVING));
    ApplyMigrations migrate = Commands.migrate(device, TestSets.GARAGE, VersionId.of(3));
    MigrationFailed refused = send(migrate, MigrationFailed.class);

    assertThat(refused.failure().is(Failure.UNSAFE_DEVICE_STATE)).isTrue();
    assertThat(refused.failure().reason()).contains("vehicle-moving");
    assertThat(refused.versionNow()).isEqualTo(VersionId.of(1));
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);

    report(States.now(device, DeviceConditions.IDLE));
    MigrationsApplied applied =
        send(Commands.migrate(device, TestSets.GARAGE, VersionId.of(3)), MigrationsApplied.class);
    assertThat(applied.appliedVersions()).containsExactly(VersionId.of(2), VersionId.of(3));
  }

  private static Path deviceAt(DeviceId device, int version) {
    return Garage.deviceAt(
        new TestWorker(fleet, TestSets.garageCatalogue()), fleet, device, version);
  }

  /** Published as the device does, and on the broker before the next command is sent. */
  private static void report(DeviceStateReport state) {
    publisher.sendAndWait(Topics.DEVICE_STATES, state);
  }

  /** What a reader starting now (a restarted worker, the coordinator) makes of the topics. */
  private static ReportedDevices readTopicsAfresh() {
    ReportedDevices devices = new ReportedDevices();
    readAll(Topics.DEVICES, devices::accept);
    readAll(Topics.DEVICE_INVENTORY, devices::accept);
    readAll(Topics.DEVICE_STATES, devices::accept);
    return devices;
  }

  private static List<DeviceStateReport> stateRecordsOf(DeviceId device) {
    List<DeviceStateReport> records = new ArrayList<>();
    readAll(
        Topics.DEVICE_STATES,
        state -> {
          if (state.deviceId().equals(device)) {
            records.add(state);
          }
        });
    return records;
  }

  private static <V> void readAll(Topic<V> topic, Consumer<V> each) {
    try (TopicReader<V> reader =
        TopicReader.fromBeginning(kafka, topic, in -> each.accept(in.value()))) {
      reader.start().awaitCaughtUp(PATIENCE);
    }
  }

  private static List<SafetyReason> reasons(SafetyCheckFailed failed) {
    return failed.reasons();
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
