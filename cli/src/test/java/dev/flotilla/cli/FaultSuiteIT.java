package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
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
import dev.flotilla.coordinator.engine.InventoryWait;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: rollouts of {@code flotilla.faults.devices} devices (default 150) on a broker of
 * its own, served by two instances of each service, while, at seeded random moments and in a seeded
 * order, every one of them is killed ({@code kill -9}) and restarted under its instance id, the
 * broker is killed and started again, a third instance of each service joins (partitions move while
 * work goes on), and a migration worker is frozen ({@code SIGSTOP}) past its group session, so that
 * its partitions move on without it, then thawed: a zombie whose writes to Kafka must all be
 * fenced. Each run ends with the {@link TruthAudit audit of the truth}, and with the coordinator's
 * projections compared to a replay of the log. CI makes {@code flotilla.faults.runs} runs (default
 * 1); the soak is the same with more:
 *
 * <pre>./mvnw -pl cli -am verify -Dit.test=FaultSuiteIT -Dflotilla.faults.runs=20 \
 *     -Dflotilla.faults.devices=300 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dtest=none</pre>
 *
 * A failing run prints its seed; {@code -Dflotilla.faults.seed=S} replays the kills' timing (the
 * system's own timing still varies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");
  private static final int SOURCE = DemoFleet.GENERATED_VERSION;
  private static final int TARGET = DemoFleet.LATEST_VERSION;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

  /**
   * The services killed, by the name they run under: each restarts under the same instance id. Two
   * instances of each service share its partitions.
   */
  private static final List<String> VICTIMS =
      List.of(
          "coordinator-a",
          "coordinator-b",
          "migration-worker-a",
          "migration-worker-b",
          "backup-worker-a",
          "backup-worker-b");

  /** A third instance of each service, started mid-rollout: partitions move while work goes on. */
  private static final List<String> JOINERS =
      List.of("coordinator-c", "migration-worker-c", "backup-worker-c");

  private static final String BROKER = "broker";

  /** The worker frozen past its session: its group gives its partitions to the other one. */
  private static final String FROZEN = "migration-worker-b";

  /** Kafka's default group session; a frozen member is out of its group after it. */
  private static final Duration SESSION = Duration.ofSeconds(45);

  /** Every fault, once a run, in a seeded order. */
  private static final List<String> FAULTS =
      Stream.of(
              VICTIMS.stream(),
              Stream.of(BROKER, "freeze " + FROZEN),
              JOINERS.stream().map(joiner -> "join " + joiner))
          .flatMap(faults -> faults)
          .toList();

  @TempDir static Path work;
  private final int runs = Integer.getInteger("flotilla.faults.runs", 1);
  private final int fleetSize = Integer.getInteger("flotilla.faults.devices", 150);
  private final long seed = Long.getLong("flotilla.faults.seed", System.nanoTime());
  private DevBroker broker;
  private KafkaSettings kafka;
  private ServiceProcesses services;
  private Path fleet;
  private Path backups;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final List<CompletableFuture<Void>> thaws = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private TopicReader<RolloutEvent> reader;
  private final List<List<DeviceId>> fleets = new ArrayList<>();
  private final List<Map<DeviceId, TruthAudit.Before>> before = new ArrayList<>();

  @BeforeAll
  void startTheServices() throws Exception {
    // A broker of its own: the suite kills it.
    broker = DevBroker.start(work.resolve("broker"));
    kafka = KafkaSettings.of(broker.bootstrapServers());
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
    // The workers report every device when they start: only devices of the inventory are taken.
    InventoryWait.until(
        kafka, fleets.stream().flatMap(List::stream).toList(), Duration.ofMinutes(3));
  }

  @AfterAll
  void stopTheServices() {
    if (services != null) {
      services.close();
    }
    if (reader != null) {
      reader.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyDatabaseEndsMigratedOrAsItWasWhateverIsKilledWhen() throws Exception {
    Random random = new Random(seed);
    List<String> table = new ArrayList<>();
    table.add(
        "run  seed              faults                                                      "
            + "         devices  outcomes");
    for (int run = 0; run < runs; run++) {
      RolloutId rollout = RolloutId.of("it-fault-" + run + "-" + seed);
      List<DeviceId> devices = fleets.get(run);
      publish(rollout, devices);
      Map<String, Integer> kills = new TreeMap<>();
      List<String> order = new ArrayList<>(FAULTS);
      java.util.Collections.shuffle(order, random);
      for (String fault : order) {
        // Not a wait for a condition: the seeded random moment of the fault is the fault injected.
        Thread.sleep(500 + random.nextInt(2_000));
        if (ended(rollout)) {
          break;
        }
        inject(fault, random);
        kills.merge(fault, 1, Integer::sum);
      }
      assertThat(kills.keySet())
          .as("seed %d: every fault struck while the rollout ran", seed)
          .containsExactlyInAnyOrderElementsOf(FAULTS);
      await().atMost(RUN_TIMEOUT).until(() -> ended(rollout));
      for (CompletableFuture<Void> thaw : thaws) {
        thaw.get(SESSION.multipliedBy(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      thaws.clear();
      reader.awaitCaughtUp(Duration.ofSeconds(60));
      List<RolloutEvent> log = events.stream().filter(e -> e.rolloutId().equals(rollout)).toList();
      assertThat(log).as("seed %d", seed).noneMatch(RolloutRejected.class::isInstance);

      Map<DeviceOutcome, Integer> outcomes =
          new TruthAudit(kafka, this::db, backups, SOURCE, TARGET)
              .check(rollout, log, before.get(run));
      projectionsEqualAReplay(run);
      // The next run starts again with two of each, and a third joins mid-rollout.
      for (String joiner : JOINERS) {
        Process joined = running.remove(joiner);
        if (joined != null) {
          services.kill(joined);
        }
      }
      assertThat(((RolloutFinished) log.get(log.size() - 1)).counts().total())
          .isEqualTo(devices.size());
      table.add(
          String.format(
              "%-4d %-17d %-68s %-8d %s",
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

  /** One fault, and the service or broker back (or thawed) after it. */
  private void inject(String fault, Random random) throws Exception {
    if (fault.equals(BROKER)) {
      broker.kill();
      Thread.sleep(random.nextInt(2_000)); // down for a seeded while, then back
      broker.restart();
    } else if (fault.equals("freeze " + FROZEN)) {
      Process frozen = running.get(FROZEN);
      signal("STOP", frozen);
      // Once past its session, its groups have moved its partitions to the others; what it does
      // when it wakes (finish a step, send a reply, commit offsets) must be fenced. The other
      // faults go on meanwhile; a kill of it while frozen ends it as any kill does.
      thaws.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  awaitOutOfItsGroups("fault-" + FROZEN, frozen);
                  if (frozen.isAlive()) {
                    signal("CONT", frozen);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("cannot thaw " + FROZEN, e);
                }
              }));
    } else if (fault.startsWith("join ")) {
      String joiner = fault.substring("join ".length());
      if (!running.containsKey(joiner)) {
        start(joiner);
      }
    } else {
      services.kill(running.get(fault));
      Thread.sleep(random.nextInt(2_000)); // down for a seeded while, then back
      start(fault);
    }
  }

  /**
   * Until no consumer group has a member of the instance any more: its session ran out and its
   * partitions went to the others (while the broker may be bouncing: failed asks are asked again);
   * or until the frozen process was killed meanwhile (then restarted under the same instance id).
   */
  private void awaitOutOfItsGroups(String instance, Process frozen) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin groups = Admin.create(admin)) {
      await()
          .atMost(SESSION.multipliedBy(4))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () -> {
                if (!frozen.isAlive()) {
                  return true;
                }
                List<String> ids =
                    groups.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                        .map(GroupListing::groupId)
                        .toList();
                return groups.describeConsumerGroups(ids).all().get().values().stream()
                    .flatMap(group -> group.members().stream())
                    .noneMatch(
                        member ->
                            member
                                .groupInstanceId()
                                .filter(id -> id.endsWith(instance))
                                .isPresent());
              });
    }
  }

  private static void signal(String signal, Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, process.pid()).isZero();
  }

  /**
   * The coordinator's projections, built record by record across its kills and the broker's, are
   * the same rows as projections rebuilt in one go from the log ({@code flotilla replay}).
   */
  private void projectionsEqualAReplay(int run) throws Exception {
    Path replayed = work.resolve("replay-" + run);
    var replay =
        services.run(
            Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
            "replay",
            "--data-dir",
            replayed.toString());
    assertThat(replay.exitCode()).as(replay.output()).isZero();
    for (String coordinator :
        running.keySet().stream()
            .filter(name -> name.startsWith("coordinator"))
            .sorted()
            .toList()) {
      Path live = work.resolve("data-" + coordinator).resolve("projections.db");
      // The live projections may still be applying the last events.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(DeviceFiles.differences(live, replayed.resolve("projections.db")))
                      .as(
                          "seed %d: %s's projections against a replay of the log",
                          seed, coordinator)
                      .isEmpty());
    }
  }

  private void start(String victim) throws IOException {
    int run = starts.merge(victim, 1, Integer::sum);
    String service = victim.replaceFirst("-[a-z]$", "");
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
              // Eight at a time: the rollout lasts while every fault strikes.
              RolloutPolicy.DEFAULT.withMaxInFlight(8).withStepTimeoutSeconds(60),
              "fault-suite@example.com",
              MessageId.random(),
              Instant.now()));
    }
  }

  /** A fleet of its own per run, under names no other test uses (a device id is its file name). */
  private List<DeviceId> generate(int run) throws IOException {
    Path staging = work.resolve("generated-" + run);
    List<DeviceId> renamed = new ArrayList<>();
    for (DeviceId generated : DemoFleet.generate(staging, fleetSize, 1000L + run)) {
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
