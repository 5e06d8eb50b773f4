package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: rollouts of {@value #DEVICES} devices while every service is killed ({@code kill
 * -9}) in turn at seeded random moments, up to {@value #KILLS_PER_RUN} kills a run, and restarted
 * under its instance id; each run ends with the {@link TruthAudit audit of the truth}. CI makes
 * {@code flotilla.faults.runs} runs (default 1); the soak is the same with more:
 *
 * <pre>./mvnw -pl cli -am verify -Dit.test=FaultSuiteIT -Dflotilla.faults.runs=20 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dtest=none</pre>
 *
 * A failing run prints its seed; {@code -Dflotilla.faults.seed=S} replays the kills' timing (the
 * system's own timing still varies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");
  private static final int DEVICES = 150;
  private static final int SOURCE = DemoFleet.GENERATED_VERSION;
  private static final int TARGET = DemoFleet.LATEST_VERSION;
  private static final int KILLS_PER_RUN = 6;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

  /** The services killed, by the name they run under: each restarts under the same instance id. */
  private static final List<String> VICTIMS =
      List.of("coordinator", "migration-worker-a", "migration-worker-b", "backup-worker");

  @TempDir static Path work;
  private final int runs = Integer.getInteger("flotilla.faults.runs", 1);
  private final long seed = Long.getLong("flotilla.faults.seed", System.nanoTime());
  private KafkaSettings kafka;
  private ServiceProcesses services;
  private Path fleet;
  private Path backups;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private TopicReader<RolloutEvent> reader;
  private final List<List<DeviceId>> fleets = new ArrayList<>();
  private final List<Map<DeviceId, TruthAudit.Before>> before = new ArrayList<>();

  @BeforeAll
  void startTheServices() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    fleet = Files.createDirectories(work.resolve("fleet"));
    backups = Files.createDirectories(work.resolve("backups"));
    for (int run = 0; run < runs; run++) {
      List<DeviceId> devices = generate(run);
      fleets.add(devices);
      Map<DeviceId, TruthAudit.Before> snapshot = new LinkedHashMap<>();
      for (DeviceId device : devices) {
        snapshot.put(device, TruthAudit.before(db(device)));
      }
      before.add(snapshot);
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
    for (String victim : VICTIMS) {
      start(victim);
    }
    reader = TopicReader.fromBeginning(kafka, Topics.EVENTS, r -> events.add(r.value())).start();
    awaitInventory(fleets.stream().flatMap(List::stream).toList());
  }

  /** The workers report every device when they start: only devices of the inventory are taken. */
  private void awaitInventory(List<DeviceId> devices) {
    Map<DeviceId, VersionId> seen = new ConcurrentHashMap<>();
    TopicReader<DeviceInventoryReport> inventory =
        TopicReader.fromBeginning(
                kafka,
                Topics.DEVICE_INVENTORY,
                r -> seen.put(r.value().deviceId(), r.value().schemaVersion()))
            .start();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> devices.stream().allMatch(d -> VersionId.of(SOURCE).equals(seen.get(d))));
    } finally {
      inventory.close();
    }
  }

  @AfterAll
  void stopTheServices() {
    if (services != null) {
      services.close();
    }
    if (reader != null) {
      reader.close();
    }
  }

  @Test
  void everyDatabaseEndsMigratedOrAsItWasWhateverIsKilledWhen() throws Exception {
    Random random = new Random(seed);
    List<String> table = new ArrayList<>();
    table.add("run  seed              kills                                   devices  outcomes");
    for (int run = 0; run < runs; run++) {
      RolloutId rollout = RolloutId.of("it-fault-" + run + "-" + seed);
      List<DeviceId> devices = fleets.get(run);
      publish(rollout, devices);
      Map<String, Integer> kills = new TreeMap<>();
      // Each service in turn, in a seeded order: every one is killed in a run of four kills.
      List<String> order = new ArrayList<>(VICTIMS);
      java.util.Collections.shuffle(order, random);
      Instant deadline = Instant.now().plus(RUN_TIMEOUT);
      for (int kill = 0; kill < KILLS_PER_RUN && Instant.now().isBefore(deadline); kill++) {
        // Not a wait for a condition: the seeded random moment of the kill is the fault injected.
        Thread.sleep(1_000 + random.nextInt(3_000));
        if (ended(rollout)) {
          break;
        }
        String victim = order.get(kill % order.size());
        services.kill(running.get(victim));
        kills.merge(victim, 1, Integer::sum);
        Thread.sleep(random.nextInt(2_000)); // down for a seeded while, then back
        start(victim);
      }
      await().atMost(RUN_TIMEOUT).until(() -> ended(rollout));
      reader.awaitCaughtUp(Duration.ofSeconds(60));
      List<RolloutEvent> log = events.stream().filter(e -> e.rolloutId().equals(rollout)).toList();
      assertThat(log).as("seed %d", seed).noneMatch(RolloutRejected.class::isInstance);

      Map<DeviceOutcome, Integer> outcomes =
          new TruthAudit(kafka, this::db, backups, SOURCE, TARGET)
              .check(rollout, log, before.get(run));
      assertThat(((RolloutFinished) log.get(log.size() - 1)).counts().total())
          .isEqualTo(devices.size());
      table.add(
          String.format(
              "%-4d %-17d %-39s %-8d %s",
              run, seed, kills, devices.size(), TruthAudit.summary(outcomes)));
    }
    System.out.println("FaultSuiteIT summary:\n" + String.join("\n", table));
  }

  private boolean ended(RolloutId rollout) {
    return events.stream()
        .anyMatch(
            e ->
                e.rolloutId().equals(rollout)
                    && (e instanceof RolloutFinished || e instanceof RolloutRejected));
  }

  private void start(String victim) throws IOException {
    int run = starts.merge(victim, 1, Integer::sum);
    String service = victim.startsWith("migration-worker") ? "migration-worker" : victim;
    Map<String, String> env = new LinkedHashMap<>();
    // The same instance id each time: a static member takes its partitions back at once, and
    // its transactional producer fences whatever the killed one left open.
    env.put("FLOTILLA_INSTANCE_ID", "fault-" + victim);
    if (!service.equals("backup-worker")) {
      env.put("FLOTILLA_DATA_DIR", work.resolve("data-" + victim).toString());
    }
    running.put(victim, services.start(service, victim + "-run" + run, env));
  }

  private void publish(RolloutId rollout, List<DeviceId> devices) {
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(
          Topics.UPDATE_REQUESTS,
          new UpdateRequest(
              rollout,
              SET,
              VersionId.of(TARGET),
              Selector.devices(devices),
              RolloutPolicy.DEFAULT.withMaxInFlight(25).withStepTimeoutSeconds(60),
              "fault-suite@example.com",
              MessageId.random(),
              Instant.now()));
    }
  }

  /** A fleet of its own per run, under names no other test uses (a device id is its file name). */
  private List<DeviceId> generate(int run) throws IOException {
    Path staging = work.resolve("generated-" + run);
    List<DeviceId> renamed = new ArrayList<>();
    for (DeviceId generated : DemoFleet.generate(staging, DEVICES, 1000L + run)) {
      DeviceId device = DeviceId.of(generated.value().replace("rv-", "fault" + run + "-"));
      Files.move(staging.resolve(generated.value() + ".db"), fleet.resolve(device.value() + ".db"));
      renamed.add(device);
    }
    return renamed;
  }

  private Path db(DeviceId device) {
    return fleet.resolve(device.value() + ".db");
  }
}
