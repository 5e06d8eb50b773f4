package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.EventChainCheck;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.EventChains;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.DeviceFiles.AppliedVersion;
import dev.flotilla.testsupport.DeviceFiles.LoggedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The audit of the truth after a rollout that was made to fail: every device database is at the
 * target and holds every row it had, or is at its source version with exactly its original content,
 * or needs attention with a valid backup named; no migration was applied twice; the rollout's log
 * has no gap, no repeated event id, and its hash chain holds. Compares rows, not only schemas.
 */
final class TruthAudit {
  /** What a device was before the rollout. */
  record Before(Map<String, Long> rowCounts, String dump) {}

  private final KafkaSettings kafka;
  private final Function<DeviceId, Path> databaseOf;
  private final Path backups;
  private final int sourceVersion;
  private final int targetVersion;

  TruthAudit(
      KafkaSettings kafka,
      Function<DeviceId, Path> databaseOf,
      Path backups,
      int sourceVersion,
      int targetVersion) {
    this.kafka = kafka;
    this.databaseOf = databaseOf;
    this.backups = backups;
    this.sourceVersion = sourceVersion;
    this.targetVersion = targetVersion;
  }

  /**
   * The command log is left out of content compared: it records, by design, that a rollback or a
   * restore ran.
   */
  private static final String COMMAND_LOG = "flotilla_command_log";

  static Before before(Path database) {
    return new Before(DeviceFiles.rowCounts(database), content(database));
  }

  private static String content(Path database) {
    return DeviceFiles.dumpWithout(database, COMMAND_LOG);
  }

  /**
   * @return the devices by outcome, for the summary
   */
  Map<DeviceOutcome, Integer> check(
      RolloutId rollout, List<RolloutEvent> log, Map<DeviceId, Before> before) throws Exception {
    assertThat(log)
        .extracting(RolloutEvent::sequence)
        .as("sequences of %s in log order", rollout)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
    assertThat(log).extracting(RolloutEvent::messageId).doesNotHaveDuplicates();
    EventChainCheck.Report chain = chainOf(rollout);
    assertThat(chain.broken()).as("the hash chain of %s", rollout).isEmpty();
    assertThat(chain.events()).isEqualTo(log.size());

    Map<DeviceId, List<DeviceFinished>> endings =
        log.stream()
            .filter(DeviceFinished.class::isInstance)
            .map(DeviceFinished.class::cast)
            .collect(Collectors.groupingBy(DeviceFinished::deviceId));
    assertThat(endings).containsOnlyKeys(before.keySet());
    Map<DeviceOutcome, Integer> outcomes = new EnumMap<>(DeviceOutcome.class);
    for (Map.Entry<DeviceId, Before> device : before.entrySet()) {
      List<DeviceFinished> ends = endings.get(device.getKey());
      assertThat(ends).as("endings of %s", device.getKey()).hasSize(1);
      DeviceFinished end = ends.get(0);
      outcomes.merge(end.outcome(), 1, Integer::sum);
      Path db = databaseOf.apply(device.getKey());
      assertThat(DeviceFiles.integrityCheck(db)).as("integrity of %s", db).containsExactly("ok");
      assertThat(migrateCommandsRecorded(db))
          .as("migrate commands recorded by %s", device.getKey())
          .hasSizeLessThanOrEqualTo(1);
      switch (end.outcome()) {
        case DONE -> assertMigratedOnce(device.getKey(), end, log, device.getValue());
        case NEEDS_ATTENTION -> assertAValidBackupIsNamed(device.getKey(), end, device.getValue());
        default -> assertAsItWas(device.getKey(), device.getValue());
      }
    }
    return outcomes;
  }

  private void assertMigratedOnce(
      DeviceId device, DeviceFinished end, List<RolloutEvent> log, Before before) {
    Path db = databaseOf.apply(device);
    assertThat(DeviceFiles.version(db)).as("version of %s", device).isEqualTo(targetVersion);
    List<AppliedVersion> applied =
        DeviceFiles.history(db).stream().filter(v -> v.version() > sourceVersion).toList();
    assertThat(applied)
        .as("versions applied to %s, each once", device)
        .extracting(AppliedVersion::version)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(sourceVersion + 1, targetVersion).boxed().toList());
    String migrate =
        log.stream()
            .filter(StepDispatched.class::isInstance)
            .map(StepDispatched.class::cast)
            .filter(d -> d.command().deviceId().equals(device))
            .filter(d -> d.command().step() == Step.MIGRATE)
            .reduce((first, last) -> last)
            .orElseThrow()
            .command()
            .commandId()
            .value();
    assertThat(applied).extracting(AppliedVersion::commandId).containsOnly(migrate);
    Map<String, Long> rows = new TreeMap<>(before.rowCounts());
    rows.remove(COMMAND_LOG);
    assertThat(DeviceFiles.rowCounts(db)).as("rows of %s", device).containsAllEntriesOf(rows);
    Path backup = backupOf(device, end);
    assertThat(DeviceFiles.version(backup)).isEqualTo(sourceVersion);
    assertThat(content(backup)).as("the backup of %s", device).isEqualTo(before.dump());
  }

  private void assertAsItWas(DeviceId device, Before before) {
    Path db = databaseOf.apply(device);
    assertThat(DeviceFiles.version(db)).as("version of %s", device).isEqualTo(sourceVersion);
    assertThat(content(db)).as("content of %s", device).isEqualTo(before.dump());
  }

  private void assertAValidBackupIsNamed(DeviceId device, DeviceFinished end, Before before) {
    assertThat(end.backupId()).as("the backup named for %s", device).isNotNull();
    Path backup = backupOf(device, end);
    assertThat(DeviceFiles.integrityCheck(backup)).containsExactly("ok");
    assertThat(content(backup)).isEqualTo(before.dump());
  }

  private Path backupOf(DeviceId device, DeviceFinished end) {
    return backups.resolve(device.value()).resolve(end.backupId().value() + ".db");
  }

  private static List<String> migrateCommandsRecorded(Path db) {
    return DeviceFiles.commandLog(db).stream()
        .filter(c -> c.step().equals(Step.MIGRATE.wireName()))
        .map(LoggedCommand::commandId)
        .toList();
  }

  private EventChainCheck.Report chainOf(RolloutId rollout) {
    return EventChains.check(
        kafka, Topics.EVENTS.name(), Duration.ofMinutes(2), rollout::equals, false);
  }

  /** One line of the summary table. */
  static String summary(Map<DeviceOutcome, Integer> outcomes) {
    return new TreeMap<>(outcomes).toString();
  }
}
