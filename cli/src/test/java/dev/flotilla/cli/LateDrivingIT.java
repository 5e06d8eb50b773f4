package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vehicle that starts driving after its safety check passed, end to end: the services as separate
 * processes, a real broker, a real SQLite file. The backup worker starts only once the device has
 * reported driving, so the migration certainly comes after that report.
 */
class LateDrivingIT {
  private static final MigrationSetId COACHIQ = MigrationSetId.of(DemoFleet.MIGRATION_SET);
  private static final Duration LONG = Duration.ofMinutes(3);

  @TempDir Path work;

  @Test
  void
      aDeviceThatStartsDrivingBetweenItsSafetyCheckAndItsMigrationIsDeferredThenMigratedWhenParked()
          throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    Path fleet = work.resolve("fleet");
    // A name of its own, so that no other test on the shared broker reports or rolls it out.
    DeviceId device = DeviceId.of("late-0001");
    DemoFleet.generate(work.resolve("generated"), 1, 31);
    Files.createDirectories(fleet);
    Path db = Files.move(work.resolve("generated/rv-0001.db"), fleet.resolve("late-0001.db"));
    List<RolloutEvent> events = new CopyOnWriteArrayList<>();

    try (Publisher publisher = Publisher.create(kafka);
        ServiceProcesses services =
            new ServiceProcesses(
                work.resolve("logs"),
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "FLOTILLA_FLEET_DIR",
                    fleet.toString(),
                    "FLOTILLA_BACKUP_DIR",
                    work.resolve("backups").toString(),
                    "FLOTILLA_HTTP_PORT",
                    "0",
                    "FLOTILLA_MIGRATION_HTTP_PORT",
                    "0",
                    "FLOTILLA_BACKUP_HTTP_PORT",
                    "0"));
        TopicReader<RolloutEvent> eventReader =
            TopicReader.fromBeginning(kafka, Topics.EVENTS, r -> events.add(r.value()))) {
      for (MigrationScript script :
          MigrationFolder.read(COACHIQ, DemoFleet.sampleMigrations(work.resolve("migrations")))) {
        publisher.sendAndWait(Topics.MIGRATIONS, script);
      }
      report(publisher, device, true);
      services.start(
          "migration-worker", "late", Map.of("FLOTILLA_DATA_DIR", work.resolve("mw").toString()));
      services.start(
          "coordinator", "late", Map.of("FLOTILLA_DATA_DIR", work.resolve("co").toString()));
      eventReader.start();
      awaitInventoryOf(kafka, device);

      RolloutId rollout = RolloutId.of("late-" + Long.toString(System.nanoTime(), 36));
      publisher.sendAndWait(
          Topics.UPDATE_REQUESTS,
          new UpdateRequest(
              rollout,
              COACHIQ,
              VersionId.of(DemoFleet.LATEST_VERSION),
              Selector.devices(List.of(device)),
              RolloutPolicy.DEFAULT.withStepTimeoutSeconds(120).withSafetyRetry(1, 600),
              "it",
              MessageId.random(),
              Instant.now()));
      await("the safety check passed: a backup is asked for")
          .atMost(LONG)
          .until(() -> stepsOf(events, rollout).contains(Step.BACKUP));

      report(publisher, device, false);
      services.start("backup-worker", "late", Map.of());

      DeviceDeferred refused = awaitDeferral(events, rollout, "migrate: unsafe-device-state", LONG);
      assertThat(String.join(" ", refused.reasons())).contains("vehicle-moving");
      assertThat(stepsOf(events, rollout))
          .as("nothing to undo: no rollback, no restore")
          .containsExactly(Step.SAFETY_CHECK, Step.BACKUP, Step.MIGRATE);
      assertThat(DeviceFiles.version(db)).isEqualTo(DemoFleet.GENERATED_VERSION);
      // The worker's inventory report after the refused migration left the device's word alone:
      // its next safety check still finds it driving.
      awaitDeferral(events, rollout, "vehicle-moving", LONG);
      assertThat(DeviceFiles.version(db)).isEqualTo(DemoFleet.GENERATED_VERSION);

      report(publisher, device, true);
      await("the rollout's end").atMost(LONG).until(() -> finished(events, rollout) != null);
      RolloutFinished finished = finished(events, rollout);
      assertThat(finished.counts().done()).isEqualTo(1);
      assertThat(DeviceFiles.version(db)).isEqualTo(DemoFleet.LATEST_VERSION);
      assertThat(DeviceFiles.integrityCheck(db)).containsExactly("ok");
    }
  }

  private static void report(Publisher publisher, DeviceId device, boolean parked) {
    Instant now = Instant.now();
    publisher.sendAndWait(
        Topics.DEVICE_STATES,
        new DeviceStateReport(
            MessageId.random(),
            now,
            device,
            now,
            new DeviceConditions(parked, 0, List.of()),
            List.of()));
  }

  private static List<Step> stepsOf(List<RolloutEvent> events, RolloutId rollout) {
    return events.stream()
        .filter(e -> e.rolloutId().equals(rollout))
        .filter(StepDispatched.class::isInstance)
        .map(e -> ((StepDispatched) e).command().step())
        .toList();
  }

  /** The first deferral with a reason that starts with {@code reason}. */
  private static DeviceDeferred awaitDeferral(
      List<RolloutEvent> events, RolloutId rollout, String reason, Duration atMost) {
    await("a deferral for " + reason)
        .atMost(atMost)
        .until(() -> deferral(events, rollout, reason) != null);
    return deferral(events, rollout, reason);
  }

  private static DeviceDeferred deferral(
      List<RolloutEvent> events, RolloutId rollout, String reason) {
    return events.stream()
        .filter(e -> e.rolloutId().equals(rollout))
        .filter(DeviceDeferred.class::isInstance)
        .map(DeviceDeferred.class::cast)
        .filter(d -> d.reasons().stream().anyMatch(r -> r.startsWith(reason)))
        .findFirst()
        .orElse(null);
  }

  private static RolloutFinished finished(List<RolloutEvent> events, RolloutId rollout) {
    return events.stream()
        .filter(e -> e.rolloutId().equals(rollout))
        .filter(RolloutFinished.class::isInstance)
        .map(RolloutFinished.class::cast)
        .findFirst()
        .orElse(null);
  }

  private static void awaitInventoryOf(KafkaSettings kafka, DeviceId device) {
    Set<DeviceId> seen = ConcurrentHashMap.newKeySet();
    try (TopicReader<DeviceInventoryReport> reader =
        TopicReader.fromBeginning(
            kafka, Topics.DEVICE_INVENTORY, r -> seen.add(r.value().deviceId()))) {
      reader.start();
      await("the worker's inventory of " + device).atMost(LONG).until(() -> seen.contains(device));
    }
  }
}
