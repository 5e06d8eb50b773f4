package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.event.DeviceFinished;
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
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.ops.access.TestAccess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flotilla running for one integration-test class, as an operator runs it: the shared broker with
 * its topics, the services as processes of the runnable jar over a fleet folder, and every rollout
 * event as it comes. Fleets, sets and requests are each test's own; this holds the plumbing.
 */
final class RunningSuite implements AutoCloseable {
  private final KafkaSettings kafka;
  private final Path work;
  private final Path fleet;
  private final Path backups;
  private final FleetLayout layout;
  private final Publisher publisher;
  private final ServiceProcesses services;
  private final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private TopicReader<RolloutEvent> eventReader;

  /** What every process is given to reach the broker: its address, and how to log in. */
  private final Map<String, String> kafkaEnv;

  private RunningSuite(
      Path work, FleetLayout layout, KafkaSettings kafka, Map<String, String> kafkaEnv) {
    this.kafka = kafka;
    TopicProvisioner.ensureTopics(kafka);
    this.work = work;
    this.fleet = work.resolve("fleet");
    this.backups = work.resolve("backups");
    this.layout = layout;
    this.kafkaEnv = new java.util.HashMap<>(kafkaEnv);
    this.kafkaEnv.put("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    this.publisher = Publisher.create(kafka);
    Map<String, String> env = new java.util.HashMap<>(this.kafkaEnv);
    env.putAll(
        Map.of(
            "FLOTILLA_FLEET_DIR",
            fleet.toString(),
            "FLOTILLA_FLEET_LAYOUT",
            layout.pattern(),
            "FLOTILLA_BACKUP_DIR",
            backups.toString(),
            "FLOTILLA_HTTP_PORT",
            "0",
            "FLOTILLA_MIGRATION_HTTP_PORT",
            "0",
            "FLOTILLA_BACKUP_HTTP_PORT",
            "0"));
    this.services = new ServiceProcesses(work.resolve("logs"), env);
  }

  /** The broker and its topics, ready; the fleet is {@code work/fleet}, no service runs yet. */
  static RunningSuite in(Path work) {
    return in(work, FleetLayout.DEFAULT);
  }

  /** As {@link #in(Path)}, the services finding each database where {@code layout} says. */
  static RunningSuite in(Path work, FleetLayout layout) {
    return new RunningSuite(
        work, layout, KafkaSettings.of(SharedTestBroker.get().bootstrapServers()), Map.of());
  }

  /**
   * As {@link #in(Path)}, on a broker of the test's own: {@code kafka} for the test's clients, and
   * {@code kafkaEnv} ({@code FLOTILLA_KAFKA_*}) for every process's, as an operator would set them.
   */
  static RunningSuite on(Path work, KafkaSettings kafka, Map<String, String> kafkaEnv) {
    return new RunningSuite(work, FleetLayout.DEFAULT, kafka, kafkaEnv);
  }

  KafkaSettings kafka() {
    return kafka;
  }

  Path fleet() {
    return fleet;
  }

  Path backups() {
    return backups;
  }

  /** The device file as the workers find it in the fleet folder. */
  Path db(DeviceId device) {
    return layout.pathOf(fleet, device);
  }

  /** Publishes the set read from {@code folder} to the catalogue, and returns its scripts. */
  List<MigrationScript> push(MigrationSetId set, Path folder) {
    List<MigrationScript> scripts = MigrationFolder.read(set, folder);
    for (MigrationScript script : scripts) {
      publisher.sendAndWait(Topics.MIGRATIONS, script);
    }
    return scripts;
  }

  /**
   * Runs {@code flotilla args} to its end as an operator beside these services: the same broker,
   * fleet folder, layout and backups in its environment.
   */
  ServiceProcesses.Result flotilla(String... args) throws IOException, InterruptedException {
    return flotillaAs(ServiceProcesses.OPERATOR, args);
  }

  /** As {@link #flotilla}, with an administrator's token held by {@code holder}. */
  ServiceProcesses.Result flotillaAs(String holder, String... args)
      throws IOException, InterruptedException {
    return flotillaWith(Map.of("FLOTILLA_TOKEN", TestAccess.admin(holder)), args);
  }

  /**
   * As {@link #flotilla}, with {@code env} over its environment (a blank value counts as unset: a
   * command without a token, or without the secret).
   */
  ServiceProcesses.Result flotillaWith(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>(kafkaEnv);
    all.putAll(
        Map.of(
            "FLOTILLA_FLEET_DIR", fleet.toString(),
            "FLOTILLA_FLEET_LAYOUT", layout.pattern(),
            "FLOTILLA_BACKUP_DIR", backups.toString()));
    all.putAll(env);
    return services.run(all, args);
  }

  <V> void send(Topic<V> topic, V message) {
    publisher.sendAndWait(topic, message);
  }

  /** One migration worker, with its own data folder. */
  Process startMigrationWorker(String instance) throws IOException {
    return services.start(
        "migration-worker",
        instance,
        Map.of("FLOTILLA_DATA_DIR", work.resolve("mw-" + instance).toString()));
  }

  Process startBackupWorker() throws IOException {
    return services.start("backup-worker", "a", Map.of());
  }

  /** A backup worker serving its health probes and metrics on {@code httpPort}. */
  Process startBackupWorker(int httpPort) throws IOException {
    return services.start(
        "backup-worker", "a", Map.of("FLOTILLA_BACKUP_HTTP_PORT", String.valueOf(httpPort)));
  }

  /** A migration worker serving its census, health probes and metrics on {@code httpPort}. */
  Process startMigrationWorker(String instance, int httpPort) throws IOException {
    return services.start(
        "migration-worker",
        instance,
        Map.of(
            "FLOTILLA_DATA_DIR", work.resolve("mw-" + instance).toString(),
            "FLOTILLA_MIGRATION_HTTP_PORT", String.valueOf(httpPort)));
  }

  /** A port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** A coordinator whose store lives in {@code work/co-<instance>}. */
  Process startCoordinator(String instance) throws IOException {
    return services.start(
        "coordinator",
        instance,
        Map.of("FLOTILLA_DATA_DIR", work.resolve("co-" + instance).toString()));
  }

  /** A coordinator as {@link #startCoordinator(String)}, its API on {@code httpPort}. */
  Process startCoordinator(String instance, int httpPort) throws IOException {
    return services.start(
        "coordinator",
        instance,
        Map.of(
            "FLOTILLA_DATA_DIR", work.resolve("co-" + instance).toString(),
            "FLOTILLA_HTTP_PORT", String.valueOf(httpPort)));
  }

  /** A notifier on {@code httpPort}, its dashboard asking the coordinator at {@code api}. */
  Process startNotifier(String instance, int httpPort, String api) throws IOException {
    return services.start(
        "notifier",
        instance,
        Map.of("FLOTILLA_HTTP_PORT", String.valueOf(httpPort), "FLOTILLA_COORDINATOR_URL", api));
  }

  /** Kills a service started here like a crash ({@code kill -9}), and waits until it is gone. */
  void kill(Process service) throws InterruptedException {
    services.kill(service);
  }

  /**
   * A coordinator as {@link #startCoordinator}, its HTTP API on a free port: returns the API's URL,
   * for commands that take {@code --api}.
   */
  String startCoordinatorWithApi(String instance) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startCoordinator(instance, port);
    return "http://127.0.0.1:" + port;
  }

  /** One of each service, the usual suite, and the event log read from its beginning. */
  void startServices() throws IOException {
    startMigrationWorker("a");
    startBackupWorker();
    startCoordinator("a");
    readEvents();
  }

  /**
   * The HTTP API of the coordinator {@link #startCoordinator started} as {@code instance}, once it
   * says where it listens.
   */
  String api(String instance, Duration atMost) {
    Path log = work.resolve("logs").resolve("coordinator-" + instance + ".log");
    Pattern listening = Pattern.compile("API at (http://[^;\\s]+)");
    AtomicReference<String> api = new AtomicReference<>();
    await()
        .atMost(atMost)
        .until(
            () -> {
              if (Files.exists(log)) {
                Matcher found = listening.matcher(Files.readString(log));
                if (found.find()) {
                  api.set(found.group(1));
                }
              }
              return api.get() != null;
            });
    return api.get();
  }

  void readEvents() {
    eventReader =
        TopicReader.fromBeginning(kafka, Topics.EVENTS, r -> events.add(r.value())).start();
  }

  /** Requests {@code set} at {@code target} on {@code devices}, under a fresh rollout id. */
  RolloutId start(
      String prefix, MigrationSetId set, int target, List<DeviceId> devices, RolloutPolicy policy) {
    RolloutId rollout = RolloutId.of(prefix + "-" + Long.toString(System.nanoTime(), 36));
    publish(
        new UpdateRequest(
            rollout,
            set,
            VersionId.of(target),
            Selector.devices(devices),
            policy,
            "it",
            MessageId.random(),
            Instant.now()));
    return rollout;
  }

  void publish(UpdateRequest request) {
    publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
  }

  List<RolloutEvent> eventsOf(RolloutId rollout) {
    return events.stream().filter(e -> e.rolloutId().equals(rollout)).toList();
  }

  boolean has(RolloutId rollout, Class<? extends RolloutEvent> type) {
    return eventsOf(rollout).stream().anyMatch(type::isInstance);
  }

  /** The rollout's log once it finished or was rejected. */
  List<RolloutEvent> awaitEnd(RolloutId rollout, Duration atMost) {
    await()
        .atMost(atMost)
        .until(() -> has(rollout, RolloutFinished.class) || has(rollout, RolloutRejected.class));
    return eventsOf(rollout);
  }

  RolloutFinished awaitFinished(RolloutId rollout, Duration atMost) {
    await().atMost(atMost).until(() -> has(rollout, RolloutFinished.class));
    return eventsOf(rollout).stream()
        .filter(RolloutFinished.class::isInstance)
        .map(RolloutFinished.class::cast)
        .findFirst()
        .orElseThrow();
  }

  List<DeviceFinished> finishes(RolloutId rollout) {
    return eventsOf(rollout).stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .toList();
  }

  DeviceFinished finishOf(RolloutId rollout, DeviceId device) {
    return finishOf(eventsOf(rollout), device);
  }

  List<Step> stepsFor(RolloutId rollout, DeviceId device) {
    return stepsOf(eventsOf(rollout), device);
  }

  static DeviceFinished finishOf(List<RolloutEvent> log, DeviceId device) {
    return log.stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .filter(f -> f.deviceId().equals(device))
        .findFirst()
        .orElseThrow(() -> new AssertionError(device + " did not finish"));
  }

  /** The steps the coordinator sent the device, in the order it sent them. */
  static List<Step> stepsOf(List<RolloutEvent> log, DeviceId device) {
    return log.stream()
        .filter(StepDispatched.class::isInstance)
        .map(e -> ((StepDispatched) e).command())
        .filter(c -> c.deviceId().equals(device))
        .map(c -> c.step())
        .toList();
  }

  /** Other tests on the shared broker may report devices of the same name: presence is all. */
  void awaitInventoryOf(Collection<DeviceId> expected, Duration atMost) {
    Set<DeviceId> seen = ConcurrentHashMap.newKeySet();
    TopicReader<DeviceInventoryReport> reader =
        TopicReader.fromBeginning(
                kafka, Topics.DEVICE_INVENTORY, r -> seen.add(r.value().deviceId()))
            .start();
    try {
      await().atMost(atMost).untilAsserted(() -> assertThat(seen).containsAll(expected));
    } finally {
      reader.close();
    }
  }

  @Override
  public void close() {
    services.close();
    if (eventReader != null) {
      eventReader.close();
    }
    publisher.close();
  }
}
