package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
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
import dev.flotilla.testsupport.DeviceFiles.AppliedVersion;
import dev.flotilla.testsupport.DeviceFiles.LoggedCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: the coordinator process is killed ({@code kill -9}) in the middle of a rollout
 * of 200 devices and started again under the same instance id, whose transactional producer fences
 * the dead one's open transaction. The rollout must still end with every device finished exactly
 * once, no step applied twice in any device database, and a gapless, duplicate-free event log.
 *
 * <p>The services' logs are copied to {@code target/crash-it-logs} after the run, for post-mortems.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorCrashIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");
  private static final int DEVICES = 200;
  private static final int SOURCE_VERSION = DemoFleet.GENERATED_VERSION;
  private static final int TARGET_VERSION = DemoFleet.LATEST_VERSION;
  private static final String COORDINATOR_ID = "coordinator-crash-it";
  // A killed member of the coordinators' group holds its partitions until its session times out
  // (45 s by default), so the restarted coordinator resumes only after that.
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

  @TempDir static Path work;
  private KafkaSettings kafka;
  private ServiceProcesses services;
  private Path fleet;
  private Path backups;
  private List<DeviceId> devices;
  private final Map<DeviceId, Map<String, Long>> rowsBefore = new HashMap<>();
  private final RolloutId rollout = RolloutId.of("it-crash-" + System.nanoTime());
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private TopicReader<RolloutEvent> eventReader;

  @BeforeAll
  void startTheFleetAndTheServices() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    fleet = work.resolve("fleet");
    backups = work.resolve("backups");
    devices = generateFleet(work.resolve("generated"), fleet);
    for (DeviceId device : devices) {
      rowsBefore.put(device, DeviceFiles.rowCounts(db(device)));
    }
    try (Publisher publisher = Publisher.create(kafka)) {
      for (MigrationScript script :
          MigrationFolder.read(SET, DemoFleet.sampleMigrations(work.resolve("migrations")))) {
        publisher.sendAndWait(Topics.MIGRATIONS, script);
      }
    }
    services =
        new ServiceProcesses(
            work.resolve("logs"),
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "FLOTILLA_FLEET_DIR",
                fleet.toString(),
                "FLOTILLA_BACKUP_DIR",
                backups.toString(),
                "FLOTILLA_HTTP_PORT",
                "0",
                "FLOTILLA_MIGRATION_HTTP_PORT",
                "0",
                "FLOTILLA_BACKUP_HTTP_PORT",
                "0"));
    services.start(
        "migration-worker", "a", Map.of("FLOTILLA_DATA_DIR", work.resolve("mw-a").toString()));
    services.start(
        "migration-worker", "b", Map.of("FLOTILLA_DATA_DIR", work.resolve("mw-b").toString()));
    services.start("backup-worker", "a", Map.of());
    eventReader =
        TopicReader.fromBeginning(
                kafka,
                Topics.EVENTS,
                r -> {
                  if (r.value().rolloutId().equals(rollout)) {
                    events.add(r.value());
                  }
                })
            .start();
    awaitInventoryAtSourceVersion();
  }

  @AfterAll
  void stopTheServices() throws IOException {
    if (services != null) {
      services.close();
    }
    if (eventReader != null) {
      eventReader.close();
    }
    keepLogs();
  }

  @Test
  void aCoordinatorKilledMidRolloutResumesAndEveryDeviceEndsOnceWithNoStepAppliedTwice()
      throws Exception {
    Process first = startCoordinator("first");
    publish(
        new UpdateRequest(
            rollout,
            SET,
            VersionId.of(TARGET_VERSION),
            Selector.devices(devices),
            RolloutPolicy.DEFAULT.withMaxInFlight(20).withStepTimeoutSeconds(120),
            "it@example.com",
            MessageId.random(),
            Instant.now()));

    await().atMost(ROLLOUT_TIMEOUT).until(() -> finishedDevices() >= DEVICES / 3 || rolloutEnded());
    assertThat(events).filteredOn(RolloutRejected.class::isInstance).isEmpty();
    services.kill(first);
    long finishedAtKill = finishedDevices();
    System.out.printf(
        "CoordinatorCrashIT: killed the coordinator with %d of %d devices finished%n",
        finishedAtKill, DEVICES);
    assertThat(finishedAtKill)
        .as("devices finished when the coordinator was killed")
        .isBetween(1L, DEVICES - 1L);

    startCoordinator("second");
    await().atMost(ROLLOUT_TIMEOUT).until(this::rolloutEnded);
    // Anything committed after the end would be a duplicate: read up to now before judging.
    eventReader.awaitCaughtUp(Duration.ofSeconds(60));
    List<RolloutEvent> log = List.copyOf(events);

    assertTheLogHasNoGapOrDuplicate(log);
    assertThat(log).filteredOn(RolloutRejected.class::isInstance).isEmpty();
    assertThat(log).filteredOn(RolloutFinished.class::isInstance).hasSize(1);
    Map<DeviceId, List<DeviceFinished>> endings =
        log.stream()
            .filter(DeviceFinished.class::isInstance)
            .map(DeviceFinished.class::cast)
            .collect(Collectors.groupingBy(DeviceFinished::deviceId));
    assertThat(endings).containsOnlyKeys(devices);
    assertThat(log.get(log.size() - 1)).isInstanceOf(RolloutFinished.class);
    RolloutFinished finished = (RolloutFinished) log.get(log.size() - 1);
    assertThat(finished.counts().total()).isEqualTo(DEVICES);
    assertThat(finished.counts().done() + finished.counts().rolledBack()).isEqualTo(DEVICES);

    for (DeviceId device : devices) {
      assertThat(endings.get(device)).as("endings of %s", device).hasSize(1);
      DeviceFinished end = endings.get(device).get(0);
      assertThat(end.outcome())
          .as("outcome of %s", device)
          .isIn(DeviceOutcome.DONE, DeviceOutcome.ROLLED_BACK);
      assertThat(DeviceFiles.integrityCheck(db(device)))
          .as("integrity of %s", device)
          .containsExactly("ok");
      assertThat(finishedBackups(device))
          .as("backups of %s", device)
          .containsExactly(end.backupId().value() + ".db");
      if (end.outcome() == DeviceOutcome.DONE) {
        assertMigratedOnce(device, end, log);
      } else {
        assertRestored(device);
      }
    }
    assertTheChainHoldsAcrossTheKillAndAnEditedCopyIsCaught(log);
  }

  /**
   * The rollout's events form one hash chain, written by two coordinator processes (the second
   * rebuilt the last link from its snapshot and the log); {@code flotilla audit verify} says so.
   * Copied to another topic with one event edited, the copy fails at the event after the edit.
   */
  private void assertTheChainHoldsAcrossTheKillAndAnEditedCopyIsCaught(List<RolloutEvent> log)
      throws Exception {
    Verified intact = verify(rollout.value());
    assertThat(intact.exit()).as(intact.out()).isZero();
    assertThat(intact.out())
        .contains(String.format("Checked %,d events of 1 rollout on flotilla.events", log.size()))
        .contains("every chain holds")
        .doesNotContain("before the chains existed");

    String copy = "it.events-copy." + System.nanoTime();
    long edited = log.size() / 2;
    TopicProvisioner.ensureTopics(
        kafka,
        List.of(
            new dev.flotilla.contracts.topic.Topic<>(
                copy, byte[].class, dev.flotilla.contracts.topic.Topic.Cleanup.DELETE, b -> null)));
    java.util.Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", kafka.bootstrapServers());
    config.put("key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
    config.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(config)) {
      dev.flotilla.messaging.RawLog.readToEnd(
          kafka,
          Topics.EVENTS.name(),
          Duration.ofMinutes(2),
          record -> {
            String value = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
            if (!value.contains("\"rolloutId\":\"" + rollout.value() + "\"")) {
              return;
            }
            if (value.contains("\"sequence\":" + edited + ",")) {
              // Still an event that reads well: only its time was changed, by a millennium.
              value = value.replaceFirst("\"occurredAt\":\"2", "\"occurredAt\":\"1");
            }
            var out =
                new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(
                    copy, 0, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().forEach((name, bytes) -> out.headers().add(name, bytes));
            producer.send(out);
          });
      producer.flush();
    }
    Verified tampered = verify("--topic", copy);
    assertThat(tampered.exit()).as(tampered.out()).isEqualTo(1);
    assertThat(tampered.out())
        .contains("1 broken")
        .contains(rollout + " #" + (edited + 1) + " (partition 0 offset " + edited + ")")
        .contains("previous event (#" + edited + ", partition 0 offset " + (edited - 1) + ")");
  }

  private record Verified(int exit, String out) {}

  private Verified verify(String... args) {
    List<String> argv = new ArrayList<>(List.of("audit", "verify"));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.out;
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int exit = FlotillaCommand.commandLine().execute(argv.toArray(String[]::new));
      return new Verified(exit, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(before);
    }
  }

  private void assertTheLogHasNoGapOrDuplicate(List<RolloutEvent> log) {
    assertThat(log)
        .extracting(RolloutEvent::sequence)
        .as("sequences in log order")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
    assertThat(log).extracting(RolloutEvent::messageId).doesNotHaveDuplicates();
  }

  /** Versions 3..5 applied by the one migrate command of the log, recorded once; data kept. */
  private void assertMigratedOnce(DeviceId device, DeviceFinished end, List<RolloutEvent> log)
      throws Exception {
    Path db = db(device);
    assertThat(end.version()).isEqualTo(VersionId.of(TARGET_VERSION));
    assertThat(stepsOf(log, device))
        .as("steps dispatched for %s", device)
        .containsExactly(Step.SAFETY_CHECK, Step.BACKUP, Step.MIGRATE, Step.VERIFY);
    String migrateCommand = commandOf(log, device, Step.MIGRATE);

    List<AppliedVersion> applied =
        DeviceFiles.history(db).stream().filter(v -> v.version() > SOURCE_VERSION).toList();
    assertThat(applied)
        .as("versions applied to %s", device)
        .extracting(AppliedVersion::version)
        .containsExactly(3, 4, 5);
    assertThat(applied)
        .as("commands that applied versions to %s", device)
        .extracting(AppliedVersion::commandId)
        .containsOnly(migrateCommand);
    assertThat(DeviceFiles.commandLog(db))
        .as("migrate commands recorded by %s", device)
        .filteredOn(c -> c.step().equals(Step.MIGRATE.wireName()))
        .extracting(LoggedCommand::commandId)
        .containsExactly(migrateCommand);
    assertThat(DeviceFiles.rowCounts(db)).containsAllEntriesOf(rowsBefore.get(device));

    Path backup = backups.resolve(device.value()).resolve(end.backupId().value() + ".db");
    assertThat(DeviceFiles.version(backup)).isEqualTo(SOURCE_VERSION);
    assertThat(DeviceFiles.rowCounts(backup)).isEqualTo(rowsBefore.get(device));
  }

  private void assertRestored(DeviceId device) throws Exception {
    Path db = db(device);
    assertThat(DeviceFiles.version(db))
        .as("version of rolled-back %s", device)
        .isEqualTo(SOURCE_VERSION);
    assertThat(DeviceFiles.history(db))
        .extracting(AppliedVersion::version)
        .containsExactly(1, SOURCE_VERSION);
    assertThat(DeviceFiles.commandLog(db))
        .as("migrate commands recorded by %s", device)
        .filteredOn(c -> c.step().equals(Step.MIGRATE.wireName()))
        .hasSizeLessThanOrEqualTo(1);
    assertThat(DeviceFiles.rowCounts(db)).isEqualTo(rowsBefore.get(device));
  }

  /**
   * The demo fleet under device names no other test uses (a device id is its file name), so
   * inventory reports and rollouts of other tests on the shared broker cannot touch it.
   */
  private static List<DeviceId> generateFleet(Path staging, Path fleet) throws IOException {
    Files.createDirectories(fleet);
    List<DeviceId> renamed = new ArrayList<>();
    for (DeviceId generated : DemoFleet.generate(staging, DEVICES, 42)) {
      DeviceId device = DeviceId.of(generated.value().replace("rv-", "crash-"));
      Files.move(staging.resolve(generated.value() + ".db"), fleet.resolve(device.value() + ".db"));
      renamed.add(device);
    }
    return renamed;
  }

  private Process startCoordinator(String run) throws IOException {
    return services.start(
        "coordinator",
        run,
        Map.of(
            "FLOTILLA_INSTANCE_ID",
            COORDINATOR_ID,
            "FLOTILLA_DATA_DIR",
            work.resolve("coordinator").toString()));
  }

  private void publish(UpdateRequest request) {
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
  }

  private long finishedDevices() {
    return events.stream().filter(DeviceFinished.class::isInstance).count();
  }

  private boolean rolloutEnded() {
    return events.stream()
        .anyMatch(e -> e instanceof RolloutFinished || e instanceof RolloutRejected);
  }

  private static List<Step> stepsOf(List<RolloutEvent> log, DeviceId device) {
    return dispatchedTo(log, device).map(d -> d.command().step()).toList();
  }

  private static String commandOf(List<RolloutEvent> log, DeviceId device, Step step) {
    return dispatchedTo(log, device)
        .filter(d -> d.command().step() == step)
        .map(d -> d.command().commandId().value())
        .findFirst()
        .orElseThrow();
  }

  private static Stream<StepDispatched> dispatchedTo(List<RolloutEvent> log, DeviceId device) {
    return log.stream()
        .filter(StepDispatched.class::isInstance)
        .map(StepDispatched.class::cast)
        .filter(d -> d.command().deviceId().equals(device));
  }

  /** Finished backup files of a device: work in progress starts with a dot. */
  private List<String> finishedBackups(DeviceId device) throws IOException {
    try (Stream<Path> files = Files.list(backups.resolve(device.value()))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".db") && !name.startsWith("."))
          .toList();
    }
  }

  private Path db(DeviceId device) {
    return fleet.resolve(device.value() + ".db");
  }

  /**
   * The workers report every device of the fleet when they start: the coordinator accepts only
   * devices of its inventory.
   */
  private void awaitInventoryAtSourceVersion() {
    Map<DeviceId, DeviceInventoryReport> seen = new ConcurrentHashMap<>();
    TopicReader<DeviceInventoryReport> reader =
        TopicReader.fromBeginning(
                kafka, Topics.DEVICE_INVENTORY, r -> seen.put(r.value().deviceId(), r.value()))
            .start();
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () ->
                  assertThat(devices)
                      .allSatisfy(
                          d ->
                              assertThat(seen.get(d))
                                  .extracting(DeviceInventoryReport::schemaVersion)
                                  .isEqualTo(VersionId.of(SOURCE_VERSION))));
    } finally {
      reader.close();
    }
  }

  private static void keepLogs() throws IOException {
    Path logs = work.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    Path kept = Path.of(System.getProperty("user.dir"), "target", "crash-it-logs");
    Files.createDirectories(kept);
    try (Stream<Path> files = Files.list(logs)) {
      files.forEach(copyInto(kept));
    }
  }

  private static Consumer<Path> copyInto(Path dir) {
    return file -> {
      try {
        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
