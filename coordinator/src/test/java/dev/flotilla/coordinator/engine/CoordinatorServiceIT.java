package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.EventChainCheck;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.EventChains;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.KeyPartitions;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator on the real broker, with this test answering its commands the way workers would.
 * Shows that a coordinator replaced mid-rollout rebuilds its state from the log and re-issues
 * exactly the pending steps, with the same command ids.
 */
class CoordinatorServiceIT {
  private static final MigrationSetId SET = MigrationSetId.of("it-set");
  private static final String SHA = "b".repeat(64);

  private final MessageCodec codec = new MessageCodec();
  private final List<WorkerCommand> commands = new CopyOnWriteArrayList<>();
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private final List<TopicReader<?>> readers = new ArrayList<>();
  private KafkaSettings kafka;
  private Publisher publisher;

  @BeforeEach
  void setUp() {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    publisher = Publisher.create(kafka);
    for (int v = 1; v <= 3; v++) {
      publisher.sendAndWait(
          Topics.MIGRATIONS,
          new MigrationScript(
              MessageId.random(),
              Instant.now(),
              SET,
              VersionId.of(v),
              ScriptKind.MIGRATE,
              "v" + v,
              "CREATE TABLE t" + v + " (id INTEGER);",
              SHA,
              true));
    }
    for (Step step : Step.values()) {
      readers.add(
          TopicReader.fromBeginning(kafka, Topics.commands(step), r -> commands.add(r.value()))
              .start());
    }
    readers.add(
        TopicReader.fromBeginning(kafka, Topics.EVENTS, r -> events.add(r.value())).start());
  }

  @AfterEach
  void tearDown() {
    readers.forEach(TopicReader::close);
    publisher.close();
  }

  @Test
  void requestsOnAnyPartitionWithAnyKeyAreDecidedOnceAndAnUnreadableOneIsRejected() {
    String tag = Long.toString(System.nanoTime(), 36);
    DeviceId device = DeviceId.of("k-" + tag);
    publisher.sendAndWait(
        Topics.DEVICES,
        new DeviceReport(
            MessageId.random(), Instant.now(), device, VersionId.of(0), 4096, List.of(), null));
    RolloutId keyless = RolloutId.of("it-keyless-" + tag);
    RolloutId typo = RolloutId.of("it-typo-" + tag);
    KeyPartitions partitions = TopicProvisioner.rolloutPartitions(kafka);
    String request =
        codec.encodeToString(
            new UpdateRequest(
                keyless,
                SET,
                VersionId.of(3),
                Selector.devices(List.of(device)),
                RolloutPolicy.DEFAULT,
                "kcat-user",
                MessageId.random(),
                Instant.now()));
    String misspelt =
        request.replace(keyless.value(), typo.value()).replace("\"maxInFlight\"", "\"maxInFlite\"");

    CoordinatorService coordinator = CoordinatorService.start(kafka, codec);
    try (KafkaProducer<String, String> plain = plainProducer()) {
      // Not on their rollouts' partitions, as a keyless or foreign-hashing client may put them.
      plain.send(
          new ProducerRecord<>(
              Topics.UPDATE_REQUESTS.name(), awayFrom(partitions, keyless), null, request));
      plain.send(
          new ProducerRecord<>(
              Topics.UPDATE_REQUESTS.name(), awayFrom(partitions, typo), "wrong-key", misspelt));
      plain.flush();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !commandsOf(keyless, Step.SAFETY_CHECK).isEmpty());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> eventsOf(typo).stream().anyMatch(RolloutRejected.class::isInstance));
    } finally {
      coordinator.close();
    }

    assertThat(eventsOf(keyless)).filteredOn(RolloutAccepted.class::isInstance).hasSize(1);
    assertThat(commandsOf(keyless, Step.SAFETY_CHECK)).hasSize(1);
    assertThat(eventsOf(typo))
        .singleElement()
        .satisfies(
            rejected ->
                assertThat(((RolloutRejected) rejected).reasons())
                    .singleElement()
                    .asString()
                    .startsWith("unreadable request: not a valid UpdateRequest: policy.maxInFlite")
                    .contains("is not a field"));
    assertThat(((RolloutRejected) eventsOf(typo).get(0)).requestedBy()).isEqualTo("kcat-user");
  }

  /**
   * Twelve requests for one device at once, their rollouts spread over the partitions of two
   * coordinator instances (and several in one batch of each): exactly one is accepted, and every
   * other one is rejected with the rollout that holds the device. No device is in two rollouts.
   */
  @Test
  void requestsForOneDeviceOnTwoInstancesAreAcceptedOnceAndTheRestRejected() {
    String tag = Long.toString(System.nanoTime(), 36);
    DeviceId shared = DeviceId.of("shared-" + tag);
    List<RolloutId> rollouts = new ArrayList<>();
    List<UpdateRequest> requests = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      DeviceId own = DeviceId.of("own-" + i + "-" + tag);
      RolloutId rollout = RolloutId.of("it-race-" + i + "-" + tag);
      rollouts.add(rollout);
      requests.add(
          new UpdateRequest(
              rollout,
              SET,
              VersionId.of(3),
              Selector.devices(List.of(own, shared)),
              RolloutPolicy.DEFAULT,
              "ops-" + i,
              MessageId.random(),
              Instant.now()));
      publisher.sendAndWait(Topics.DEVICES, report(own));
    }
    publisher.sendAndWait(Topics.DEVICES, report(shared));
    KeyPartitions partitions = TopicProvisioner.rolloutPartitions(kafka);
    assertThat(rollouts.stream().map(r -> partitions.partitionOf(r.value())).distinct().count())
        .as("the rollouts are spread over the partitions")
        .isGreaterThan(3);

    // Two instances, as two processes are: each its own instance id and transactional ids.
    CoordinatorService first = CoordinatorService.start(kafka, codec);
    CoordinatorService second =
        CoordinatorService.start(KafkaSettings.of(kafka.bootstrapServers()), codec);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !first.ownedPartitions().isEmpty()
                      && !second.ownedPartitions().isEmpty()
                      && first.ownedPartitions().size() + second.ownedPartitions().size()
                          == partitions.partitions());
      try (KafkaProducer<String, String> plain = plainProducer()) {
        for (UpdateRequest request : requests) {
          plain.send(
              new ProducerRecord<>(
                  Topics.UPDATE_REQUESTS.name(),
                  request.rolloutId().value(),
                  codec.encodeToString(request)));
        }
        plain.flush();
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  rollouts.stream()
                      .allMatch(
                          r ->
                              eventsOf(r).stream()
                                  .anyMatch(
                                      e ->
                                          e instanceof RolloutAccepted
                                              || e instanceof RolloutRejected)));
    } finally {
      first.close();
      second.close();
    }

    List<RolloutId> accepted =
        rollouts.stream()
            .filter(r -> eventsOf(r).stream().anyMatch(RolloutAccepted.class::isInstance))
            .toList();
    assertThat(accepted).hasSize(1);
    for (RolloutId rollout : rollouts) {
      if (rollout.equals(accepted.get(0))) {
        assertThat(eventsOf(rollout)).noneMatch(RolloutRejected.class::isInstance);
        // Re-issued on each rebalance under the same command ids: one check per device.
        DeviceId own = DeviceId.of("own-" + rollouts.indexOf(rollout) + "-" + tag);
        assertThat(commandsOf(rollout, Step.SAFETY_CHECK))
            .extracting(WorkerCommand::deviceId)
            .containsOnly(shared, own)
            .contains(shared, own);
        assertThat(
                commandsOf(rollout, Step.SAFETY_CHECK).stream()
                    .map(WorkerCommand::commandId)
                    .distinct())
            .hasSize(2);
      } else {
        assertThat(eventsOf(rollout))
            .singleElement()
            .isInstanceOfSatisfying(
                RolloutRejected.class,
                rejected ->
                    assertThat(rejected.reasons())
                        .singleElement()
                        .asString()
                        .contains("already in an active rollout")
                        .contains(shared + " (in " + accepted.get(0) + ")"));
        assertThat(commandsOf(rollout, Step.SAFETY_CHECK)).isEmpty();
      }
    }
    // Accepted where requests are judged, started by its own coordinator (maybe the other
    // instance): one hash chain all the same.
    assertThat(chainsOf(rollouts).broken()).isEmpty();
    assertThat(chainsOf(rollouts).events())
        .isEqualTo(rollouts.stream().mapToLong(r -> eventsOf(r).size()).sum());
    assertThat(chainsOf(rollouts).unchained()).isZero();
  }

  /** The hash chains of these rollouts' events, checked on the log as written. */
  private EventChainCheck.Report chainsOf(List<RolloutId> rollouts) {
    return EventChains.check(
        kafka, Topics.EVENTS.name(), Duration.ofMinutes(1), rollouts::contains, false);
  }

  private static DeviceReport report(DeviceId device) {
    return new DeviceReport(
        MessageId.random(), Instant.now(), device, VersionId.of(0), 4096, List.of(), null);
  }

  private static int awayFrom(KeyPartitions partitions, RolloutId rollout) {
    return (partitions.partitionOf(rollout.value()) + 1) % partitions.partitions();
  }

  private KafkaProducer<String, String> plainProducer() {
    java.util.Map<String, Object> config = new java.util.HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  @Test
  void aReplacedCoordinatorReplaysTheLogAndReissuesOnlyThePendingSteps() {
    String tag = Long.toString(System.nanoTime(), 36);
    List<DeviceId> devices =
        List.of(
            DeviceId.of("c-" + tag + "-1"),
            DeviceId.of("c-" + tag + "-2"),
            DeviceId.of("c-" + tag + "-3"));
    for (DeviceId device : devices) {
      publisher.sendAndWait(
          Topics.DEVICES,
          new DeviceReport(
              MessageId.random(), Instant.now(), device, VersionId.of(0), 4096, List.of(), null));
    }
    RolloutId rollout = RolloutId.of("it-replay-" + tag);
    CoordinatorService first = CoordinatorService.start(kafka, codec);
    publisher.sendAndWait(
        Topics.UPDATE_REQUESTS,
        new UpdateRequest(
            rollout,
            SET,
            VersionId.of(3),
            Selector.devices(devices),
            RolloutPolicy.DEFAULT.withMaxInFlight(10).withStepTimeoutSeconds(120),
            "it",
            MessageId.random(),
            Instant.now()));

    // Answer the safety checks, so every device waits for its backup; then replace the coordinator.
    awaitPending(rollout, Step.SAFETY_CHECK, devices.size());
    for (WorkerCommand check : commandsOf(rollout, Step.SAFETY_CHECK)) {
      reply(success(check));
    }
    awaitPending(rollout, Step.BACKUP, devices.size());
    first.close();
    List<WorkerCommand> backupsBefore = commandsOf(rollout, Step.BACKUP);

    CoordinatorService second = CoordinatorService.start(kafka, codec);
    try {
      // The new owner re-sends the three backups, with their ids unchanged, and nothing else.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> commandsOf(rollout, Step.BACKUP).size() == 2 * devices.size());
      assertThat(commandsOf(rollout, Step.BACKUP))
          .extracting(WorkerCommand::commandId)
          .containsExactlyInAnyOrderElementsOf(
              backupsBefore.stream()
                  .flatMap(c -> List.of(c.commandId(), c.commandId()).stream())
                  .toList());
      assertThat(commandsOf(rollout, Step.SAFETY_CHECK)).hasSize(devices.size());

      // A worker that did the backup the first time replays its reply: answer each id once.
      for (WorkerCommand backup : backupsBefore) {
        reply(success(backup));
      }
      // Each migration carries its verification: the worker answers both, and no verification
      // goes to the workers' topic on its own.
      answerUntilFinished(rollout, Step.MIGRATE, devices.size());
      await().atMost(Duration.ofSeconds(60)).until(() -> finished(rollout));
      assertThat(commandsOf(rollout, Step.VERIFY)).isEmpty();
    } finally {
      second.close();
    }

    List<RolloutEvent> log = eventsOf(rollout);
    assertThat(log)
        .extracting(RolloutEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
    assertThat(
            log.stream().filter(DeviceFinished.class::isInstance).map(DeviceFinished.class::cast))
        .hasSize(devices.size())
        .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(DeviceOutcome.DONE));
    assertThat(((RolloutFinished) log.get(log.size() - 1)).counts().done())
        .isEqualTo(devices.size());
    // The replacement went on with the chain where the replaced one left it.
    EventChainCheck.Report chain = chainsOf(List.of(rollout));
    assertThat(chain.broken()).isEmpty();
    assertThat(chain.events()).isEqualTo(log.size());
    assertThat(chain.unchained()).isZero();
  }

  @Test
  void aSnapshotPlusTheLogAfterItGivesTheSameStateAsTheWholeLog(@TempDir Path dir) {
    String tag = Long.toString(System.nanoTime(), 36);
    List<DeviceId> devices =
        List.of(DeviceId.of("s-" + tag + "-1"), DeviceId.of("s-" + tag + "-2"));
    for (DeviceId device : devices) {
      publisher.sendAndWait(
          Topics.DEVICES,
          new DeviceReport(
              MessageId.random(), Instant.now(), device, VersionId.of(0), 4096, List.of(), null));
    }
    RolloutId rollout = RolloutId.of("it-snapshot-" + tag);
    CoordinatorService coordinator = CoordinatorService.start(kafka, codec, Optional.of(dir));
    try {
      publisher.sendAndWait(
          Topics.UPDATE_REQUESTS,
          new UpdateRequest(
              rollout,
              SET,
              VersionId.of(3),
              Selector.devices(devices),
              RolloutPolicy.DEFAULT.withMaxInFlight(10).withStepTimeoutSeconds(120),
              "it",
              MessageId.random(),
              Instant.now()));
      answerUntilFinished(rollout, Step.SAFETY_CHECK, devices.size());
      awaitPending(rollout, Step.BACKUP, devices.size());
    } finally {
      coordinator.close();
    }

    SnapshotCodec snapshotCodec = new SnapshotCodec(codec);
    PartitionRebuilder wholeLog =
        new PartitionRebuilder(kafka, Optional.empty(), snapshotCodec, Clock.systemUTC());
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("snapshots.db"))) {
      PartitionRebuilder withSnapshots =
          new PartitionRebuilder(kafka, Optional.of(store), snapshotCodec, Clock.systemUTC());
      for (int partition = 0; partition < kafka.partitions(); partition++) {
        var expected = essentials(wholeLog.rebuildAndSnapshot(partition));
        assertThat(essentials(withSnapshots.rebuildAndSnapshot(partition))).isEqualTo(expected);
        // From the snapshot just saved, with nothing after it:
        assertThat(essentials(withSnapshots.rebuildAndSnapshot(partition))).isEqualTo(expected);
        store.save(partition, "{not a snapshot", Instant.now());
        assertThat(essentials(withSnapshots.rebuildAndSnapshot(partition))).isEqualTo(expected);
      }
      assertThat(
              wholeLog
                  .rebuildAndSnapshot(partitionOf(rollout))
                  .rollouts()
                  .get(rollout)
                  .sagas()
                  .values())
          .allSatisfy(saga -> assertThat(saga.pending().step()).isEqualTo(Step.BACKUP));
      // Every partition at once, as a restart rebuilds them: the same as one by one.
      List<Integer> all = java.util.stream.IntStream.range(0, kafka.partitions()).boxed().toList();
      var together = withSnapshots.rebuildAndSnapshot(all);
      assertThat(together).containsOnlyKeys(all);
      for (int partition : all) {
        assertThat(essentials(together.get(partition)))
            .isEqualTo(essentials(wholeLog.rebuildAndSnapshot(partition)));
      }
    }
  }

  /**
   * What a snapshot must keep: all of a running rollout, and of an ended one what still decides
   * anything (its status and last sequence number); and the last link of every rollout's chain.
   */
  private static java.util.Map<Object, Object> essentials(PartitionRebuilder.Rebuilt rebuilt) {
    java.util.Map<Object, Object> kept = new java.util.HashMap<>();
    rebuilt
        .rollouts()
        .forEach(
            (id, state) ->
                kept.put(
                    id, state.running() ? state : state.status() + "#" + state.lastSequence()));
    rebuilt.heads().forEach((id, head) -> kept.put("head of " + id, head));
    return kept;
  }

  private int partitionOf(RolloutId rollout) {
    return events.stream()
        .filter(e -> e.rolloutId().equals(rollout))
        .findFirst()
        .map(
            e ->
                org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(
                            rollout.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    % kafka.partitions())
        .orElseThrow();
  }

  private void answerUntilFinished(RolloutId rollout, Step step, int count) {
    awaitPending(rollout, step, count);
    for (WorkerCommand command : commandsOf(rollout, step)) {
      reply(success(command));
      if (command instanceof ApplyMigrations migrate && migrate.verifyAfter() != null) {
        reply(success(migrate.verifyAfter()));
      }
    }
  }

  private void awaitPending(RolloutId rollout, Step step, int count) {
    await().atMost(Duration.ofSeconds(60)).until(() -> commandsOf(rollout, step).size() >= count);
  }

  private List<WorkerCommand> commandsOf(RolloutId rollout, Step step) {
    return commands.stream()
        .filter(c -> c.rolloutId().equals(rollout) && c.step() == step)
        .toList();
  }

  private List<RolloutEvent> eventsOf(RolloutId rollout) {
    return events.stream().filter(e -> e.rolloutId().equals(rollout)).toList();
  }

  private boolean finished(RolloutId rollout) {
    return eventsOf(rollout).stream().anyMatch(RolloutFinished.class::isInstance);
  }

  private void reply(WorkerReply reply) {
    publisher.sendAndWait(Topics.REPLIES, reply);
  }

  private static WorkerReply success(WorkerCommand c) {
    MessageId id = MessageId.derivedFrom("reply:" + c.commandId());
    Instant now = Instant.now();
    return switch (c.step()) {
      case SAFETY_CHECK ->
          new SafetyCheckPassed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              now,
              VersionId.of(0),
              4096);
      case BACKUP ->
          new BackupCompleted(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              now,
              BackupId.of(c.deviceId() + "-b"),
              SHA,
              4096,
              VersionId.of(0));
      case MIGRATE ->
          new MigrationsApplied(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              now,
              VersionId.of(0),
              VersionId.of(3),
              List.of(VersionId.of(1), VersionId.of(2), VersionId.of(3)),
              5);
      case VERIFY ->
          new VerificationPassed(
              id,
              c.commandId(),
              c.rolloutId(),
              c.deviceId(),
              c.messageId(),
              now,
              VersionId.of(3),
              SHA);
      default -> throw new IllegalArgumentException("not expected here: " + c.step());
    };
  }
}
