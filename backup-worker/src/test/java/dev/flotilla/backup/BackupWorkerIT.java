package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.testsupport.Commands;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as deployed: commands in on their topics, replies out on flotilla.replies. */
class BackupWorkerIT {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final DeviceId device = DeviceId.of("rv-it-" + run);
  private final List<WorkerReply> replies = new CopyOnWriteArrayList<>();
  private KafkaSettings kafka;
  private Vertx vertx;
  private TopicReader<WorkerReply> replyReader;
  private Publisher publisher;

  @BeforeEach
  void startWorker() throws Exception {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    replyReader =
        TopicReader.fromBeginning(kafka, Topics.REPLIES, record -> replies.add(record.value()))
            .start();
    publisher = Publisher.create(kafka);
    vertx = Vertx.vertx();
  }

  private void deployWorker() throws Exception {
    vertx
        .deployVerticle(
            new BackupWorkerVerticle(new BackupWorkerConfig(kafka, fleetDir, backupDir)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopWorker() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    publisher.close();
    replyReader.close();
  }

  @Test
  void backupAndRestoreCommandsOnTheirTopicsAreAnsweredOnTheRepliesTopic() throws Exception {
    deployWorker();
    Path database = new FleetLayout(fleetDir).database(device);
    DeviceDatabases.create(database);
    Map<String, List<String>> backedUp = DeviceDatabases.contents(database);

    TakeBackup takeBackup = Commands.takeBackup(device, "r-it-" + run + "/" + device + "/backup/1");
    publisher.sendAndWait(Topics.commands(Step.BACKUP), takeBackup);
    BackupCompleted completed = (BackupCompleted) awaitReplyTo(takeBackup.commandId());
    assertThat(completed.causationId()).isEqualTo(takeBackup.messageId());
    assertThat(completed.sourceVersion()).isEqualTo(VersionId.of(2));

    DeviceDatabases.migrateToVersion3(database);
    RestoreBackup wrongChecksum =
        Commands.restore(
            device,
            "r-it-" + run + "/" + device + "/restore/0",
            completed.backupId(),
            "0".repeat(64));
    RestoreBackup restore =
        Commands.restore(
            device,
            "r-it-" + run + "/" + device + "/restore/1",
            completed.backupId(),
            completed.sha256());
    publisher.sendAndWait(Topics.commands(Step.RESTORE), wrongChecksum);
    publisher.sendAndWait(Topics.commands(Step.RESTORE), restore);

    assertThat(awaitReplyTo(wrongChecksum.commandId())).isInstanceOf(RestoreFailed.class);
    Restored restored = (Restored) awaitReplyTo(restore.commandId());
    assertThat(restored.version()).isEqualTo(VersionId.of(2));
    assertThat(DeviceDatabases.contents(database)).isEqualTo(backedUp);
  }

  @Test
  void whatACrashedWorkerLeftLongAgoIsSweptWhenTheWorkerStarts() throws Exception {
    Path database = new FleetLayout(fleetDir).database(device);
    DeviceDatabases.create(database);
    BackupLayout layout = new BackupLayout(backupDir);
    BackupId unfinished = BackupId.of(device + "-0123456789ab");
    Path copy = layout.copyInProgress(device, unfinished);
    Path backupWithoutManifest = layout.backupFile(device, unfinished);
    Path restoreCopy = fleetDir.resolve("." + device + ".db.restore.tmp");
    Files.createDirectories(copy.getParent());
    FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
    for (Path leftover : List.of(copy, backupWithoutManifest, restoreCopy)) {
      Files.write(leftover, new byte[] {1, 2, 3});
      Files.setLastModifiedTime(leftover, longAgo);
    }

    deployWorker();

    assertThat(List.of(copy, backupWithoutManifest, restoreCopy))
        .noneMatch(leftover -> Files.exists(leftover));
    assertThat(database).exists();
  }

  private WorkerReply awaitReplyTo(CommandId command) {
    return await()
        .atMost(REPLY_TIMEOUT)
        .until(
            () -> replies.stream().filter(r -> r.commandId().equals(command)).findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }
}
