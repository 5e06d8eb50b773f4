package dev.flotilla.bench.orchestration;

import dev.flotilla.bench.RolloutFollower;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The coordinator alone: the real coordinator (in a JVM of its own, {@link CoordinatorHost}) on the
 * real broker, with {@link StandInWorkers} that answer every command at once, so a rollout's time
 * is the coordinator's orchestration and Kafka's round trips. Per size, one rollout of that many
 * synthetic devices (one wave, all in flight), timed from publishing the update request to reading
 * {@code RolloutFinished}; then, in the same run, its peer {@link BareRoundTrips}: the same records
 * through the same broker with nothing decided. An untimed warm-up rollout comes first.
 *
 * <pre>{@code java -cp bench/target/flotilla-bench.jar
 *     dev.flotilla.bench.orchestration.OrchestrationBench [devices...]}</pre>
 */
public final class OrchestrationBench {
  public static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000);
  public static final int DEFAULT_WARMUP = 200;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(30);

  private final Path workDir;
  private final PrintStream progress;
  private final KafkaSettings kafka;
  private final List<Integer> sizes;
  private final int warmupDevices;
  private final OptionalLong brokerPid;

  /**
   * @param brokerPid the broker's process, to read its CPU time (see {@link DevBroker#pid()});
   *     empty to leave it out
   */
  public OrchestrationBench(
      Path workDir,
      PrintStream progress,
      KafkaSettings kafka,
      List<Integer> sizes,
      int warmupDevices,
      OptionalLong brokerPid) {
    if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1) || warmupDevices < 0) {
      throw new IllegalArgumentException("sizes must be at least 1, warm-up at least 0");
    }
    this.workDir = workDir;
    this.progress = progress;
    this.kafka = kafka;
    this.sizes = List.copyOf(sizes);
    this.warmupDevices = warmupDevices;
    this.brokerPid = brokerPid;
  }

  public OrchestrationResult run() throws Exception {
    Files.createDirectories(workDir);
    TopicProvisioner.ensureTopics(kafka);
    BareRoundTrips.ensureTopics(kafka);
    String prefix = "o" + UUID.randomUUID().toString().substring(0, 4);
    List<DeviceId> warmup = SyntheticFleet.devices(prefix + "w", warmupDevices);
    List<List<DeviceId>> fleets = new ArrayList<>();
    List<DeviceId> all = new ArrayList<>(warmup);
    for (int i = 0; i < sizes.size(); i++) {
      List<DeviceId> fleet = SyntheticFleet.devices(prefix + "m" + i, sizes.get(i));
      fleets.add(fleet);
      all.addAll(fleet);
    }
    progress.printf("Orchestration: announcing %d synthetic devices ...%n", all.size());
    SyntheticFleet.pushMigrations(kafka, workDir);
    SyntheticFleet.announce(kafka, all);

    List<OrchestrationResult.Size> rows = new ArrayList<>();
    try (StandInWorkers standIn =
            new StandInWorkers(kafka, SyntheticFleet.FROM, SyntheticFleet.TO).start();
        CoordinatorChild coordinator =
            CoordinatorChild.launch(
                workDir, "coordinator", kafka, workDir.resolve("data"), List.of());
        RolloutFollower follower = new RolloutFollower(kafka)) {
      coordinator.awaitReady(READY_TIMEOUT);
      if (!warmup.isEmpty()) {
        Measured warm = rollout(standIn, coordinator, follower, warmup, prefix + "-warmup");
        progress.printf(
            "  warm-up  coordinator alone  %6d devices  %8.3f ms/saga%n",
            warmupDevices, warm.nanos / 1e6 / warmupDevices);
      }
      for (int i = 0; i < sizes.size(); i++) {
        List<DeviceId> fleet = fleets.get(i);
        Measured measured = rollout(standIn, coordinator, follower, fleet, prefix + "-" + i);
        progress.printf(
            "  measured coordinator alone  %6d devices  %8.3f ms/saga%n",
            fleet.size(), measured.nanos / 1e6 / fleet.size());
        rows.add(withBarePeer(measured, fleet.size()));
      }
      // Gracefully, so a flight recording it was started with is written out.
      coordinator.stop();
    }
    return new OrchestrationResult(kafka.partitions(), warmupDevices, rows);
  }

  /** What one rollout of the coordinator cost. */
  private record Measured(
      long nanos,
      OptionalLong coordinatorCpu,
      OptionalLong brokerCpu,
      OptionalLong benchCpu,
      Map<String, TopicTally.Written> written,
      Map<String, Integer> outcomes) {}

  private Measured rollout(
      StandInWorkers standIn,
      CoordinatorChild coordinator,
      RolloutFollower follower,
      List<DeviceId> devices,
      String name)
      throws Exception {
    RolloutId id = RolloutId.of("bench-orchestration-" + name);
    standIn.answer(id);
    TopicTally tally = TopicTally.mark(kafka, coordinatorTopics());
    OptionalLong coordinatorBefore = coordinator.cpuNanos();
    OptionalLong brokerBefore = ProcessCpu.nanos(brokerPid);
    OptionalLong benchBefore = ProcessCpu.nanos(ProcessHandle.current().pid());
    long started = System.nanoTime();
    Rollouts.publish(kafka, Rollouts.request(id, devices));
    RolloutFollower.Ended ended = follower.awaitEnd(id, ROLLOUT_TIMEOUT);
    long elapsed = ended.readAtNanos() - started;
    OptionalLong coordinatorCpu = ProcessCpu.between(coordinatorBefore, coordinator.cpuNanos());
    OptionalLong brokerCpu = ProcessCpu.between(brokerBefore, ProcessCpu.nanos(brokerPid));
    OptionalLong benchCpu =
        ProcessCpu.between(benchBefore, ProcessCpu.nanos(ProcessHandle.current().pid()));
    Map<String, Integer> outcomes = Rollouts.outcomesAllDone(ended, devices.size());
    // After the end: every saga's records are committed by then (the last reply's transaction
    // went before the events that finished the rollout).
    return new Measured(elapsed, coordinatorCpu, brokerCpu, benchCpu, tally.written(), outcomes);
  }

  private OrchestrationResult.Size withBarePeer(Measured measured, int devices) throws Exception {
    Map<String, TopicTally.Written> written = measured.written();
    BareRoundTrips.Sizes sizes =
        new BareRoundTrips.Sizes(
            averageBytes(written, commandTopicNames()),
            averageBytes(written, List.of(Topics.REPLIES.name())),
            averageBytes(written, List.of(Topics.EVENTS.name())),
            averageBytes(written, List.of(Topics.DEVICE_INVENTORY.name())));
    TopicTally bareTally = TopicTally.mark(kafka, BareRoundTrips.topics());
    OptionalLong brokerBefore = ProcessCpu.nanos(brokerPid);
    OptionalLong clientBefore = ProcessCpu.nanos(ProcessHandle.current().pid());
    long bareNanos = new BareRoundTrips(kafka, sizes).run(devices);
    OptionalLong brokerCpu = ProcessCpu.between(brokerBefore, ProcessCpu.nanos(brokerPid));
    OptionalLong clientCpu =
        ProcessCpu.between(clientBefore, ProcessCpu.nanos(ProcessHandle.current().pid()));
    Map<String, TopicTally.Written> bareWritten = bareTally.written();
    progress.printf(
        "  measured bare round trips   %6d devices  %8.3f ms/saga%n",
        devices, bareNanos / 1e6 / devices);
    double seconds = measured.nanos() / 1e9;
    double bareSeconds = bareNanos / 1e9;
    long bareTransactions =
        bareWritten.get(BareRoundTrips.EVENTS).maxPartitionMarkers()
            + bareWritten.get(BareRoundTrips.REPLIES).maxPartitionMarkers();
    return new OrchestrationResult.Size(
        devices,
        seconds,
        devices / seconds,
        measured.nanos() / 1e6 / devices,
        perSaga(measured.coordinatorCpu(), devices),
        perSaga(measured.brokerCpu(), devices),
        perSaga(measured.benchCpu(), devices),
        written.get(Topics.EVENTS.name()).maxPartitionMarkers() / (double) devices,
        written.get(Topics.REPLIES.name()).maxPartitionMarkers() / (double) devices,
        perSaga(written, devices),
        bareSeconds,
        devices / bareSeconds,
        perSaga(brokerCpu, devices),
        perSaga(clientCpu, devices),
        bareTransactions / (double) devices,
        perSaga(bareWritten, devices),
        seconds / bareSeconds,
        measured.outcomes());
  }

  static List<String> coordinatorTopics() {
    List<String> topics = new ArrayList<>(List.of(Topics.EVENTS.name(), Topics.REPLIES.name()));
    topics.addAll(commandTopicNames());
    topics.add(Topics.DEVICE_INVENTORY.name());
    return topics;
  }

  private static List<String> commandTopicNames() {
    return Topics.commands(Step.SAFETY_CHECK, Step.BACKUP, Step.MIGRATE, Step.VERIFY).stream()
        .map(topic -> topic.name())
        .toList();
  }

  private static int averageBytes(Map<String, TopicTally.Written> written, List<String> topics) {
    long records = 0;
    long bytes = 0;
    for (String topic : topics) {
      records += written.get(topic).records();
      bytes += written.get(topic).valueBytes();
    }
    return records == 0 ? 0 : (int) (bytes / records);
  }

  private static Map<String, OrchestrationResult.Written> perSaga(
      Map<String, TopicTally.Written> written, int devices) {
    Map<String, OrchestrationResult.Written> perSaga = new LinkedHashMap<>();
    written.forEach(
        (topic, w) ->
            perSaga.put(
                topic,
                new OrchestrationResult.Written(
                    w.records() / (double) devices,
                    w.records() == 0 ? 0 : w.valueBytes() / (double) w.records(),
                    w.markers() / (double) devices)));
    return perSaga;
  }

  private static Double perSaga(OptionalLong nanos, int devices) {
    return nanos.isPresent() ? nanos.getAsLong() / 1e6 / devices : null;
  }

  /** A standalone try on a broker of its own: {@code [devices...]}, default 1000 10000. */
  public static void main(String[] args) throws Exception {
    List<Integer> sizes =
        args.length == 0 ? DEFAULT_SIZES : Arrays.stream(args).map(Integer::valueOf).toList();
    Path work = Files.createTempDirectory("flotilla-orchestration-");
    System.setProperty("flotilla.bench.log", work.resolve("bench.log").toString());
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      OrchestrationResult result =
          new OrchestrationBench(work, System.out, kafka, sizes, DEFAULT_WARMUP, broker.pid())
              .run();
      result.printTo(System.out);
    }
    System.out.println("work folder: " + work);
    System.exit(0);
  }
}
