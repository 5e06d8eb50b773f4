package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
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
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path for real: the services as separate processes of the runnable jar (two migration
 * workers), a real Kafka broker, real SQLite device files, one rollout to version 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HappyPathIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> devices;
  private DeviceId spare;
  private final List<Incoming<byte[]>> deadLetters = new CopyOnWriteArrayList<>();
  private TopicReader<byte[]> deadLetterReader;

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    List<DeviceId> all = DemoFleet.generate(suite.fleet(), 7, 7);
    devices = all.subList(0, 6);
    spare = all.get(6);
    suite.push(SET, DemoFleet.sampleMigrations(work.resolve("migrations")));
    suite.startMigrationWorker("a");
    suite.startMigrationWorker("b");
    suite.startBackupWorker();
    suite.startCoordinator("a");
    suite.readEvents();
    deadLetterReader =
        TopicReader.fromBeginning(suite.kafka(), Topics.DEAD_LETTERS, deadLetters::add).start();
    suite.awaitInventoryOf(all, Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
    if (deadLetterReader != null) {
      deadLetterReader.close();
    }
  }

  @Test
  void aRolloutBringsEveryDeviceToTheTargetVersionWithItsDataKept() throws Exception {
    Map<DeviceId, Map<String, Long>> rowsBefore = new ConcurrentHashMap<>();
    for (DeviceId device : devices) {
      rowsBefore.put(device, DeviceFiles.rowCounts(db(device)));
      assertThat(DeviceFiles.version(db(device))).isEqualTo(2);
    }
    RolloutId rollout = RolloutId.of("it-happy-" + System.nanoTime());

    suite.publish(request(rollout, SET, Selector.devices(devices)));
    List<RolloutEvent> log = awaitEnd(rollout);

    RolloutFinished finished = (RolloutFinished) log.get(log.size() - 1);
    assertThat(finished.counts().done()).isEqualTo(devices.size());
    assertThat(log)
        .extracting(RolloutEvent::sequence)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, log.size()).boxed().toList());
    for (DeviceId device : devices) {
      assertThat(RunningSuite.stepsOf(log, device))
          .containsExactly(Step.SAFETY_CHECK, Step.BACKUP, Step.MIGRATE, Step.VERIFY);
      DeviceFinished end = RunningSuite.finishOf(log, device);
      assertThat(end.outcome()).isEqualTo(DeviceOutcome.DONE);
      assertThat(end.version()).isEqualTo(VersionId.of(5));

      assertThat(DeviceFiles.version(db(device))).isEqualTo(5);
      assertThat(DeviceFiles.integrityCheck(db(device))).containsExactly("ok");
      Map<String, Long> rowsAfter = DeviceFiles.rowCounts(db(device));
      assertThat(rowsAfter).containsAllEntriesOf(rowsBefore.get(device));

      Path backupDir = suite.backups().resolve(device.value());
      Path backup = backupDir.resolve(end.backupId().value() + ".db");
      assertThat(backup).exists();
      assertThat(DeviceFiles.version(backup)).isEqualTo(2);
      assertThat(DeviceFiles.rowCounts(backup)).isEqualTo(rowsBefore.get(device));
    }
  }

  @Test
  void aRequestForAnUnknownSetIsRejectedAndTouchesNoDevice() throws Exception {
    Map<DeviceId, String> hashes = hashes();
    RolloutId rollout = RolloutId.of("it-unknown-set-" + System.nanoTime());

    suite.publish(request(rollout, MigrationSetId.of("no-such-set"), Selector.devices(devices)));
    List<RolloutEvent> log = awaitEnd(rollout);

    assertThat(log).singleElement().isInstanceOf(RolloutRejected.class);
    assertThat(((RolloutRejected) log.get(0)).reasons())
        .anySatisfy(r -> assertThat(r).contains("'no-such-set' is not in the catalogue"));
    assertThat(hashes()).isEqualTo(hashes);
  }

  @Test
  void anUndecodableRequestGoesToTheDeadLetterTopicAndTheCoordinatorGoesOn() throws Exception {
    byte[] garbage =
        "{\"type\": \"UpdateRequest\", \"schema\": 1, \"rolloutId\": "
            .getBytes(StandardCharsets.UTF_8);
    byte[] missingField =
        ("{\"type\": \"UpdateRequest\", \"schema\": 1, \"rolloutId\": \"it-bad\","
                + " \"migrationSet\": \"coachiq\", \"selector\": {\"all\": true}}")
            .getBytes(StandardCharsets.UTF_8);
    sendRaw("it-garbage", garbage);
    sendRaw("it-bad", missingField);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(deadLetters)
                    .anySatisfy(d -> assertThat(d.value()).isEqualTo(garbage))
                    .anySatisfy(d -> assertThat(d.value()).isEqualTo(missingField)));
    // The coordinator is still deciding: a good request after the bad ones is carried out.
    RolloutId rollout = RolloutId.of("it-after-bad-" + System.nanoTime());
    suite.publish(request(rollout, SET, Selector.devices(List.of(spare))));
    await().atMost(Duration.ofSeconds(60)).until(() -> suite.has(rollout, RolloutAccepted.class));
    assertThat(RunningSuite.finishOf(awaitEnd(rollout), spare).outcome())
        .isEqualTo(DeviceOutcome.DONE);
  }

  private UpdateRequest request(RolloutId rollout, MigrationSetId set, Selector selector) {
    return new UpdateRequest(
        rollout,
        set,
        VersionId.of(5),
        selector,
        RolloutPolicy.DEFAULT.withMaxInFlight(3).withStepTimeoutSeconds(60),
        "it@example.com",
        MessageId.random(),
        Instant.now());
  }

  private void sendRaw(String key, byte[] value) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.UPDATE_REQUESTS.name(), key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }

  private List<RolloutEvent> awaitEnd(RolloutId rollout) {
    return suite.awaitEnd(rollout, ROLLOUT_TIMEOUT);
  }

  private Path db(DeviceId device) {
    return suite.db(device);
  }

  private Map<DeviceId, String> hashes() throws Exception {
    Map<DeviceId, String> hashes = new java.util.TreeMap<>();
    for (DeviceId device : devices) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      hashes.put(device, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(db(device)))));
    }
    return hashes;
  }
}
