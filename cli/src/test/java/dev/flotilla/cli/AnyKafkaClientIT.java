package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.engine.CoordinatorService;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.DeadLetters;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.ops.access.Role;
import dev.flotilla.ops.access.TestAccess;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request and control topics are public entry points: records published by ordinary Kafka
 * clients reach their rollout, whatever their key, with two coordinator instances sharing the
 * partitions. The clients are kcat (librdkafka: a keyless record goes to a random partition, a key
 * is hashed with CRC32, not with the murmur2 of Kafka's Java client) and a plain Java producer with
 * a wrong key. Most records are pinned, on purpose, to a partition read by the instance that does
 * not own their rollout, so the tests fail unless they are forwarded; three keyless requests go
 * wherever kcat puts them, as a user's would. The services run as separate processes of the
 * runnable jar on a real broker; requests are plain JSON text, written as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnyKafkaClientIT {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final List<String> COORDINATORS = List.of("a", "b");
  private static final Pattern API = Pattern.compile("API at (http://127\\.0\\.0\\.1:\\d+)");
  private static final int DEVICES = 13;

  @TempDir static Path work;

  /** Rollout ids no earlier run on the same broker used. */
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  private final List<Incoming<RolloutEvent>> events = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private KafkaSettings kafka;
  private Admin admin;
  private int partitions;
  private ServiceProcesses services;
  private Path fleet;
  private List<DeviceId> devices;
  private TopicReader<RolloutEvent> eventReader;
  private KafkaProducer<String, String> plainProducer;

  @BeforeAll
  void startTwoCoordinatorsAndTheWorkers() throws Exception {
    requireKcat();
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    partitions = partitionsOf(Topics.UPDATE_REQUESTS.name());
    assertThat(partitions).as("partitions of %s", Topics.UPDATE_REQUESTS.name()).isGreaterThan(1);
    assertThat(partitionsOf(Topics.CONTROL.name())).isEqualTo(partitions);
    assertThat(partitionsOf(Topics.EVENTS.name())).isEqualTo(partitions);

    fleet = work.resolve("fleet");
    devices = generateFleet(work.resolve("staging"), fleet);
    try (Publisher publisher = Publisher.create(kafka)) {
      for (MigrationScript script :
          MigrationFolder.read(
              MigrationSetId.of(DemoFleet.MIGRATION_SET),
              DemoFleet.sampleMigrations(work.resolve("migrations")))) {
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
                work.resolve("backups").toString(),
                "FLOTILLA_HTTP_PORT",
                "0",
                "FLOTILLA_MIGRATION_HTTP_PORT",
                "0",
                "FLOTILLA_BACKUP_HTTP_PORT",
                "0"));
    services.start(
        "migration-worker", "a", Map.of("FLOTILLA_DATA_DIR", work.resolve("mw").toString()));
    services.start("backup-worker", "a", Map.of());
    for (String instance : COORDINATORS) {
      services.start(
          "coordinator",
          instance,
          Map.of("FLOTILLA_DATA_DIR", work.resolve("co-" + instance).toString()));
    }
    eventReader = TopicReader.fromBeginning(kafka, Topics.EVENTS, events::add).start();
    Properties plain = new Properties();
    plain.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    plainProducer = new KafkaProducer<>(plain, new StringSerializer(), new StringSerializer());

    await().atMost(LONG).until(() -> COORDINATORS.stream().allMatch(c -> apiOf(c).isPresent()));
    // Both instances own some of the partitions, or the test would prove nothing.
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(Map.copyOf(owners()))
                    .hasSize(partitions)
                    .satisfies(o -> assertThat(o.values()).containsAll(COORDINATORS)));
    awaitInventory();
  }

  @AfterAll
  void stopEverything() {
    if (services != null) {
      services.close();
    }
    if (eventReader != null) {
      eventReader.close();
    }
    if (plainProducer != null) {
      plainProducer.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void keylessAndWronglyKeyedRequestsFromKcatAllFinish() throws Exception {
    Map<String, DeviceId> rollouts = new LinkedHashMap<>();
    List<String> scattered = new ArrayList<>();
    List<String> keyed = new ArrayList<>();
    // Three without a key, wherever kcat's partitioner puts them.
    for (int i = 0; i < 3; i++) {
      String id = rolloutId("keyless-" + i);
      rollouts.put(id, devices.get(i));
      scattered.add(request(id, devices.get(i), null));
    }
    kcat(Topics.UPDATE_REQUESTS.name(), List.of(), scattered);
    // Two without a key, on a partition the instance that does not own the rollout reads.
    for (int i = 3; i < 5; i++) {
      String id = rolloutId("pinned-" + i);
      rollouts.put(id, devices.get(i));
      kcat(
          Topics.UPDATE_REQUESTS.name(),
          List.of("-p", Integer.toString(foreignPartition(id))),
          List.of(request(id, devices.get(i), null)));
    }
    // Two with a wrong key that CRC32 sends to the other instance.
    for (int i = 5; i < 7; i++) {
      String id = rolloutId("wrong-key-" + i);
      rollouts.put(id, devices.get(i));
      keyed.add(foreignKey(id) + ":" + request(id, devices.get(i), null));
    }
    // One with the right key, which CRC32 puts on a partition of the other instance all the same.
    String rightKey = rolloutIdCrc32SendsAway("right-key-7");
    rollouts.put(rightKey, devices.get(7));
    keyed.add(rightKey + ":" + request(rightKey, devices.get(7), null));
    kcat(Topics.UPDATE_REQUESTS.name(), List.of("-K:"), keyed);

    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(rollouts.keySet())
                    .as("rollouts without a RolloutFinished")
                    .filteredOn(id -> !has(id, RolloutFinished.class))
                    .isEmpty());

    for (Map.Entry<String, DeviceId> rollout : rollouts.entrySet()) {
      String id = rollout.getKey();
      DeviceId device = rollout.getValue();
      List<RolloutEvent> log = eventsOf(id);
      assertDecidedOnceByItsOwner(id);
      assertThat(log).as(id).filteredOn(RolloutAccepted.class::isInstance).hasSize(1);
      assertThat(log).as(id).filteredOn(RolloutRejected.class::isInstance).isEmpty();
      assertThat(only(log, RolloutFinished.class).counts().done()).as(id).isEqualTo(1);
      DeviceFinished end = only(log, DeviceFinished.class);
      assertThat(end.deviceId()).isEqualTo(device);
      assertThat(end.outcome()).as(id).isEqualTo(DeviceOutcome.DONE);
      assertThat(end.version()).isEqualTo(VersionId.of(5));
      assertThat(DeviceFiles.version(db(device))).as(device.value()).isEqualTo(5);
    }
    // Each instance's projections, fed from the whole event log, show every rollout finished.
    for (String coordinator : COORDINATORS) {
      await()
          .atMost(LONG)
          .untilAsserted(
              () -> {
                for (String id : rollouts.keySet()) {
                  JsonObject r = rolloutFromApi(coordinator, id).orElseThrow();
                  assertThat(r.getString("status")).as(id).isEqualTo("FINISHED");
                  assertThat(r.getJsonObject("outcomes").getInteger("done")).isEqualTo(1);
                }
              });
    }
  }

  @Test
  void controlCommandsFromAnyClientReachTheirRollout() throws Exception {
    List<DeviceId> mine = devices.subList(8, 12);
    String id = rolloutId("steered");
    kcat(
        Topics.UPDATE_REQUESTS.name(),
        List.of("-p", Integer.toString(foreignPartition(id))),
        List.of(
            request(
                id,
                mine,
                "{\"waves\": [25, 100], \"maxInFlight\": 1, \"approval\": \"between-waves\"}")));

    await().atMost(LONG).until(() -> has(id, WaveAwaitingApproval.class));
    assertThat(only(eventsOf(id), WaveAwaitingApproval.class).wave()).isEqualTo(2);
    assertThat(startedDevices(id)).isEqualTo(1);

    // Paused by a plain Java producer, under a key whose partition the other instance reads.
    plainProducer
        .send(
            new ProducerRecord<>(
                Topics.CONTROL.name(), foreignKey(id), control("PauseRollout", id, "")))
        .get(30, TimeUnit.SECONDS);
    await().atMost(LONG).until(() -> has(id, RolloutPaused.class));

    // Approved with kcat, without a key, on a partition of the other instance.
    kcat(
        Topics.CONTROL.name(),
        List.of("-p", Integer.toString(foreignPartition(id))),
        List.of(control("ApproveWave", id, ", \"wave\": 2")));
    await().atMost(LONG).until(() -> has(id, WaveApproved.class));
    assertThat(only(eventsOf(id), WaveApproved.class).wave()).isEqualTo(2);
    // Still paused: the approved wave waits for the resume.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> startedDevices(id) == 1);
    for (DeviceId waiting : mine.subList(1, 4)) {
      assertThat(DeviceFiles.version(db(waiting))).as(waiting.value()).isEqualTo(2);
    }

    plainProducer
        .send(
            new ProducerRecord<>(
                Topics.CONTROL.name(), foreignKey(id), control("ResumeRollout", id, "")))
        .get(30, TimeUnit.SECONDS);
    await().atMost(LONG).until(() -> has(id, RolloutFinished.class));

    List<RolloutEvent> log = eventsOf(id);
    assertDecidedOnceByItsOwner(id);
    assertThat(log).filteredOn(ControlRefused.class::isInstance).isEmpty();
    assertThat(log).filteredOn(RolloutAccepted.class::isInstance).hasSize(1);
    assertThat(log).filteredOn(RolloutPaused.class::isInstance).hasSize(1);
    assertThat(log).filteredOn(WaveApproved.class::isInstance).hasSize(1);
    assertThat(log).filteredOn(RolloutResumed.class::isInstance).hasSize(1);
    assertThat(only(log, RolloutFinished.class).counts().done()).isEqualTo(mine.size());
    for (DeviceId device : mine) {
      assertThat(DeviceFiles.version(db(device))).as(device.value()).isEqualTo(5);
    }
  }

  @Test
  void aMisspeltFieldShowsAsARejectedRolloutWithItsReason() throws Exception {
    DeviceId device = devices.get(12);
    String id = rolloutId("misspelt");
    String nobody = "it-nobody-" + run;
    String withoutId =
        "{\"type\": \"UpdateRequest\", \"schema\": 1, \"requestedBy\": \"" + nobody + "\"}";
    String misspelt = request(id, device, "{\"maxInFlite\": 2}");
    // Both without a key, in this order, on one partition the rollout's owner does not read.
    kcat(
        Topics.UPDATE_REQUESTS.name(),
        List.of("-p", Integer.toString(foreignPartition(id))),
        List.of(withoutId, misspelt));

    await().atMost(LONG).until(() -> has(id, RolloutRejected.class));
    List<RolloutEvent> log = eventsOf(id);
    assertDecidedOnceByItsOwner(id);
    assertThat(log).singleElement().isInstanceOf(RolloutRejected.class);
    RolloutRejected rejected = (RolloutRejected) log.get(0);
    assertThat(rejected.reasons())
        .anySatisfy(
            r -> assertThat(r).startsWith("unreadable request: ").contains("policy.maxInFlite"));
    assertThat(rejected.requestedBy()).isEqualTo("it@example.com");

    for (String coordinator : COORDINATORS) {
      await().atMost(LONG).until(() -> rolloutFromApi(coordinator, id).isPresent());
      JsonObject r = rolloutFromApi(coordinator, id).orElseThrow();
      assertThat(r.getString("status")).isEqualTo("REJECTED");
      assertThat(r.getJsonArray("rejectionReasons").stream().map(Object::toString))
          .anySatisfy(reason -> assertThat(reason).contains("maxInFlite"));

      var status = services.run(Map.of(), "status", "--api", apiOf(coordinator).orElseThrow(), id);
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output())
          .contains("Rollout " + id + ": REJECTED")
          .contains("unreadable request: ")
          .contains("maxInFlite");
    }

    await()
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, String> dead = deadLetterReasons();
              assertThat(dead).containsKey(misspelt).containsKey(withoutId);
              assertThat(dead.get(misspelt)).contains("maxInFlite");
              assertThat(dead.get(withoutId)).contains("rolloutId");
            });
    // The record without a rollout id was read before the misspelt one: it made no rollout.
    assertThat(events)
        .extracting(Incoming::value)
        .noneMatch(e -> e instanceof RolloutRejected r && r.requestedBy().equals(nobody))
        .noneMatch(e -> e instanceof RolloutAccepted a && a.requestedBy().equals(nobody));
    for (String coordinator : COORDINATORS) {
      JsonObject all = getJson(coordinator, "/rollouts").orElseThrow();
      assertThat(all.getJsonArray("rollouts").stream().map(Object::toString))
          .noneMatch(r -> r.contains(nobody));
    }
    assertThat(DeviceFiles.version(db(device))).isEqualTo(2);

    // Corrected, the request starts the rollout under the same id.
    kcat(
        Topics.UPDATE_REQUESTS.name(),
        List.of("-p", Integer.toString(foreignPartition(id))),
        List.of(request(id, device, "{\"maxInFlight\": 2}")));
    await().atMost(LONG).until(() -> has(id, RolloutFinished.class));
    assertDecidedOnceByItsOwner(id);
    assertThat(only(eventsOf(id), RolloutFinished.class).counts().done()).isEqualTo(1);
    assertThat(DeviceFiles.version(db(device))).isEqualTo(5);

    // A garbled copy now is a dead letter and leaves the accepted rollout alone. A pause sent
    // after it, keyed by the rollout id like the coordinator's RejectRequest, is read after that.
    String garbled = request(id, device, "{\"maxInFlite\": 3}");
    kcat(
        Topics.UPDATE_REQUESTS.name(),
        List.of("-p", Integer.toString(foreignPartition(id))),
        List.of(garbled));
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(deadLetterReasons()).containsKey(garbled));
    plainProducer
        .send(new ProducerRecord<>(Topics.CONTROL.name(), id, control("PauseRollout", id, "")))
        .get(30, TimeUnit.SECONDS);
    await().atMost(LONG).until(() -> has(id, ControlRefused.class));
    List<RolloutEvent> after = eventsOf(id);
    assertDecidedOnceByItsOwner(id);
    assertThat(after).filteredOn(RolloutRejected.class::isInstance).hasSize(1);
    assertThat(after.get(after.size() - 1)).isInstanceOf(ControlRefused.class);
  }

  // --- what a user publishes: plain JSON text, one record per line for kcat

  private static String request(String rolloutId, DeviceId device, String policy) {
    return request(rolloutId, List.of(device), policy);
  }

  /** An update request as a user writes it; {@code policy} null leaves every default. */
  private static String request(String rolloutId, List<DeviceId> devices, String policy) {
    String selected =
        String.join(", ", devices.stream().map(d -> "\"" + d.value() + "\"").toList());
    return "{\"type\": \"UpdateRequest\", \"schema\": 1, \"rolloutId\": \""
        + rolloutId
        + "\", \"migrationSet\": \"coachiq\", \"targetVersion\": 5,"
        + " \"selector\": {\"devices\": ["
        + selected
        + "]}"
        + (policy == null ? "" : ", \"policy\": " + policy)
        + ", \"requestedBy\": \"it@example.com\"}";
  }

  private static String control(String type, String rolloutId, String moreFields) {
    return "{\"type\": \""
        + type
        + "\", \"schema\": 1, \"rolloutId\": \""
        + rolloutId
        + "\""
        + moreFields
        + ", \"requestedBy\": \"ops@example.com\"}";
  }

  /** {@code kcat -P}: each line one record, published with librdkafka's defaults plus args. */
  private void kcat(String topic, List<String> args, List<String> lines) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kcat", "-P", "-b", kafka.bootstrapServers(), "-t", topic));
    command.addAll(args);
    Process kcat = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = kcat.getOutputStream()) {
      in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).as("kcat ended: %s", output).isTrue();
    assertThat(kcat.exitValue()).as("kcat %s: %s", command, output).isZero();
  }

  private static void requireKcat() throws InterruptedException {
    try {
      Process version = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      if (version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException(
        "kcat is needed (Debian: apt-get install -y kcat; .ci/run installs it)");
  }

  // --- where records land

  private String rolloutId(String what) {
    return "akc-" + run + "-" + what;
  }

  /** Kafka's Java default partitioner: murmur2 of the key's UTF-8 bytes. */
  private int javaPartition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** librdkafka's default partitioner for a key: CRC32 of its bytes. */
  private int librdkafkaPartition(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % partitions);
  }

  /** The instance of this test that reads each partition of the coordinator's inputs. */
  private Map<Integer, String> owners() throws Exception {
    ConsumerGroupDescription group =
        admin
            .describeConsumerGroups(List.of(CoordinatorService.GROUP))
            .all()
            .get(30, TimeUnit.SECONDS)
            .get(CoordinatorService.GROUP);
    Map<Integer, String> owners = new TreeMap<>();
    if (group.groupState() != GroupState.STABLE) {
      return owners;
    }
    for (MemberDescription member : group.members()) {
      String instance = member.groupInstanceId().orElse("");
      for (String coordinator : COORDINATORS) {
        if (instance.endsWith("coordinator-" + coordinator)) {
          member.assignment().topicPartitions().stream()
              .filter(tp -> tp.topic().equals(Topics.UPDATE_REQUESTS.name()))
              .forEach(tp -> owners.put(tp.partition(), coordinator));
        }
      }
    }
    return owners;
  }

  /** A partition read by the instance that does not own the rollout. */
  private int foreignPartition(String rolloutId) throws Exception {
    Map<Integer, String> owners = owners();
    String owner = owners.get(javaPartition(rolloutId));
    return owners.entrySet().stream()
        .filter(e -> !e.getValue().equals(owner))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("one instance owns every partition: " + owners));
  }

  /** A wrong key which both CRC32 and murmur2 put on a partition of the other instance. */
  private String foreignKey(String rolloutId) throws Exception {
    Map<Integer, String> owners = owners();
    String owner = owners.get(javaPartition(rolloutId));
    for (int i = 0; ; i++) {
      String key = "not-the-rollout-" + i;
      if (!owner.equals(owners.get(librdkafkaPartition(key)))
          && !owner.equals(owners.get(javaPartition(key)))) {
        return key;
      }
    }
  }

  /** A rollout id that kcat, keyed by it, publishes to a partition its owner does not read. */
  private String rolloutIdCrc32SendsAway(String what) throws Exception {
    Map<Integer, String> owners = owners();
    for (int i = 0; ; i++) {
      String id = rolloutId(what + "-" + i);
      if (!owners.get(javaPartition(id)).equals(owners.get(librdkafkaPartition(id)))) {
        return id;
      }
    }
  }

  private int partitionsOf(String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .size();
  }

  // --- what came out

  /**
   * The rollout was decided by one instance only: its events are all on the rollout's partition,
   * numbered 1..n without a gap or a repeat.
   */
  private void assertDecidedOnceByItsOwner(String rolloutId) {
    List<Incoming<RolloutEvent>> mine =
        events.stream().filter(e -> e.value().rolloutId().value().equals(rolloutId)).toList();
    assertThat(mine)
        .as("partitions of the events of %s", rolloutId)
        .extracting(Incoming::partition)
        .containsOnly(javaPartition(rolloutId));
    assertThat(mine)
        .as("sequences of %s", rolloutId)
        .extracting(e -> e.value().sequence())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, mine.size()).boxed().toList());
  }

  private List<RolloutEvent> eventsOf(String rolloutId) {
    return events.stream()
        .map(Incoming::value)
        .filter(e -> e.rolloutId().value().equals(rolloutId))
        .toList();
  }

  private boolean has(String rolloutId, Class<? extends RolloutEvent> type) {
    return eventsOf(rolloutId).stream().anyMatch(type::isInstance);
  }

  private static <E extends RolloutEvent> E only(List<RolloutEvent> log, Class<E> type) {
    List<E> found = log.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private int startedDevices(String rolloutId) {
    return (int)
        eventsOf(rolloutId).stream()
            .filter(StepDispatched.class::isInstance)
            .map(e -> ((StepDispatched) e).command().deviceId())
            .distinct()
            .count();
  }

  /** Every record on the dead-letter topic, its text and the reason header, read once. */
  private Map<String, String> deadLetterReasons() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    Map<String, String> reasons = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all =
          consumer.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Map<TopicPartition, Long> end = consumer.endOffsets(all);
      Instant deadline = Instant.now().plusSeconds(20);
      while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Header reason = record.headers().lastHeader(DeadLetters.REASON);
          reasons.put(
              new String(record.value(), StandardCharsets.UTF_8),
              reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return reasons;
  }

  // --- the coordinators' HTTP APIs, found in their logs

  /** Where the instance serves its API, once it has said so ("..., API at http://..."). */
  private Optional<String> apiOf(String coordinator) {
    Path log = work.resolve("logs").resolve("coordinator-" + coordinator + ".log");
    try {
      Matcher found = API.matcher(Files.exists(log) ? Files.readString(log) : "");
      return found.find() ? Optional.of(found.group(1)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<JsonObject> rolloutFromApi(String coordinator, String rolloutId)
      throws Exception {
    return getJson(coordinator, "/rollouts/" + rolloutId);
  }

  private Optional<JsonObject> getJson(String coordinator, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(apiOf(coordinator).orElseThrow() + path))
                .header("Authorization", TestAccess.bearer(TestAccess.token("it", Role.VIEWER)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? Optional.of(new JsonObject(response.body()))
        : Optional.empty();
  }

  // --- the fleet

  private Path db(DeviceId device) {
    return fleet.resolve(device.value() + ".db");
  }

  /** The demo fleet under device names no other test uses (a device id is its file name). */
  private static List<DeviceId> generateFleet(Path staging, Path fleet) throws IOException {
    Files.createDirectories(fleet);
    List<DeviceId> renamed = new ArrayList<>();
    for (DeviceId generated : DemoFleet.generate(staging, DEVICES, 23)) {
      DeviceId device = DeviceId.of(generated.value().replace("rv-", "anyclient-"));
      Files.move(staging.resolve(generated.value() + ".db"), fleet.resolve(device.value() + ".db"));
      renamed.add(device);
    }
    return renamed;
  }

  private void awaitInventory() {
    Map<DeviceId, DeviceInventoryReport> seen = new ConcurrentHashMap<>();
    TopicReader<DeviceInventoryReport> reader =
        TopicReader.fromBeginning(
                kafka, Topics.DEVICE_INVENTORY, r -> seen.put(r.value().deviceId(), r.value()))
            .start();
    try {
      await().atMost(LONG).untilAsserted(() -> assertThat(seen.keySet()).containsAll(devices));
    } finally {
      reader.close();
    }
  }
}
