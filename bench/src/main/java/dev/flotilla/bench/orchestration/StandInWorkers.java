package dev.flotilla.bench.orchestration;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TransactionalLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workers that answer at once: they consume {@code flotilla.commands.safety-check}, {@code backup},
 * {@code migrate} and {@code verify} and reply success with the typed reply the real migration and
 * backup workers send (the same message types and fields, on {@code flotilla.replies}; after a
 * migration also the device's new inventory report, as the migration worker publishes), so the
 * coordinator does all of its work and the devices none. Each poll's replies go in one Kafka
 * transaction with the poll's offsets (the product's {@link TransactionalLoop}), in a consumer
 * group of their own.
 *
 * <p>Only the rollouts it is told about are answered: other records on the topics (earlier runs on
 * the same broker) are consumed and left alone. For a rollout in {@link #holdBackups hold}, backups
 * are taken in and never answered, until {@link #releaseHeld}.
 */
final class StandInWorkers implements AutoCloseable {
  private static final List<Step> STEPS =
      List.of(Step.SAFETY_CHECK, Step.BACKUP, Step.MIGRATE, Step.VERIFY);

  /** A backup's row counts, as the real worker reports the application's tables. */
  private static final SortedMap<String, Long> ROW_COUNTS =
      new TreeMap<>(Map.of("coaches", 12L, "readings", 480L, "trips", 36L));

  private final KafkaSettings kafka;
  private final VersionId from;
  private final VersionId to;
  private final List<VersionId> applied;
  private final Set<RolloutId> answering = ConcurrentHashMap.newKeySet();
  private final Set<RolloutId> holding = ConcurrentHashMap.newKeySet();
  private final List<TakeBackup> held = new ArrayList<>();
  private final Map<Step, AtomicLong> answered = new EnumMap<>(Step.class);
  private final TransactionalLoop loop;

  /** Devices at version {@code from} of the set, migrated to {@code to}. */
  StandInWorkers(KafkaSettings kafka, int from, int to) {
    this.kafka = kafka;
    this.from = VersionId.of(from);
    this.to = VersionId.of(to);
    List<VersionId> versions = new ArrayList<>();
    for (int v = from + 1; v <= to; v++) {
      versions.add(VersionId.of(v));
    }
    this.applied = List.copyOf(versions);
    STEPS.forEach(step -> answered.put(step, new AtomicLong()));
    String group = "flotilla-bench-stand-in-" + UUID.randomUUID().toString().substring(0, 8);
    List<Topic<?>> topics = new ArrayList<>(Topics.commands(STEPS.toArray(Step[]::new)));
    loop =
        TransactionalLoop.builder(kafka, group, group)
            .subscribe(topics)
            .handler(this::handle)
            .maxPollRecords(500)
            .build();
  }

  StandInWorkers start() {
    loop.start();
    return this;
  }

  /** Answers every command of {@code rollout}. */
  void answer(RolloutId rollout) {
    answering.add(rollout);
  }

  /** Answers the safety checks of {@code rollout} but keeps its backups unanswered. */
  void holdBackups(RolloutId rollout) {
    holding.add(rollout);
    answering.add(rollout);
  }

  /** Backups taken in and not answered. */
  synchronized int heldCount() {
    return held.size();
  }

  /** Commands of {@code step} answered so far (all rollouts). */
  long answered(Step step) {
    return answered.get(step).get();
  }

  /**
   * Answers every held backup now (published and acknowledged when this returns) and the later ones
   * of those rollouts as they come. Not in the loop's transaction: the coordinator may be down
   * meanwhile, and a reply is a reply whichever producer wrote it.
   */
  void releaseHeld() {
    List<TakeBackup> toAnswer;
    synchronized (this) {
      holding.clear();
      toAnswer = List.copyOf(held);
      held.clear();
    }
    List<CompletableFuture<Void>> sent = new ArrayList<>(toAnswer.size());
    try (Publisher publisher = Publisher.create(kafka)) {
      for (TakeBackup backup : toAnswer) {
        sent.add(publisher.send(Topics.REPLIES, backupCompleted(backup)));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }
    answered.get(Step.BACKUP).addAndGet(toAnswer.size());
  }

  private List<Outgoing<?>> handle(Incoming<?> record) {
    WorkerCommand command = (WorkerCommand) record.value();
    if (!answering.contains(command.rolloutId())) {
      return List.of();
    }
    List<Outgoing<?>> out = new ArrayList<>(2);
    if (command instanceof RunSafetyCheck check) {
      out.add(reply(safetyCheckPassed(check)));
    } else if (command instanceof TakeBackup backup) {
      synchronized (this) {
        if (holding.contains(backup.rolloutId())) {
          held.add(backup);
          return List.of();
        }
      }
      out.add(reply(backupCompleted(backup)));
    } else if (command instanceof ApplyMigrations migrate) {
      out.add(reply(migrationsApplied(migrate)));
      out.add(
          Outgoing.to(
              Topics.DEVICE_INVENTORY,
              new DeviceInventoryReport(
                  MessageId.random(),
                  Instant.now(),
                  migrate.deviceId(),
                  Instant.now(),
                  to,
                  65_536)));
      if (migrate.verifyAfter() != null) { // verified at once, as the migration worker does
        out.add(reply(verificationPassed(migrate.verifyAfter())));
        answered.get(Step.VERIFY).incrementAndGet();
      }
    } else if (command instanceof VerifyMigration verify) {
      out.add(reply(verificationPassed(verify)));
    } else {
      return List.of();
    }
    answered.get(command.step()).incrementAndGet();
    return out;
  }

  private static Outgoing<WorkerReply> reply(WorkerReply reply) {
    return Outgoing.to(Topics.REPLIES, reply);
  }

  private SafetyCheckPassed safetyCheckPassed(RunSafetyCheck check) {
    return new SafetyCheckPassed(
        MessageId.random(),
        check.commandId(),
        check.rolloutId(),
        check.deviceId(),
        check.messageId(),
        Instant.now(),
        from,
        65_536);
  }

  private BackupCompleted backupCompleted(TakeBackup backup) {
    return new BackupCompleted(
        MessageId.derivedFrom("BackupCompleted/" + backup.commandId().value()),
        backup.commandId(),
        backup.rolloutId(),
        backup.deviceId(),
        backup.messageId(),
        Instant.now(),
        BackupId.of(
            backup.deviceId().value() + "-" + Integer.toHexString(backup.commandId().hashCode())),
        "0".repeat(64),
        65_536,
        from,
        ROW_COUNTS);
  }

  private MigrationsApplied migrationsApplied(ApplyMigrations migrate) {
    return new MigrationsApplied(
        MessageId.random(),
        migrate.commandId(),
        migrate.rolloutId(),
        migrate.deviceId(),
        migrate.messageId(),
        Instant.now(),
        from,
        migrate.targetVersion(),
        applied,
        0,
        0L);
  }

  private static VerificationPassed verificationPassed(VerifyMigration verify) {
    return new VerificationPassed(
        MessageId.random(),
        verify.commandId(),
        verify.rolloutId(),
        verify.deviceId(),
        verify.messageId(),
        Instant.now(),
        verify.targetVersion(),
        "sha256:" + "0".repeat(64));
  }

  @Override
  public void close() {
    loop.close();
  }
}
