package dev.flotilla.bench.orchestration;

import dev.flotilla.bench.RolloutFollower;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A coordinator restarted with a whole rollout in flight. The stand-in workers pass every safety
 * check and hold every backup, so all devices wait in their backup step; the coordinator's live
 * heap is read then (in its own JVM, after full collections). It is stopped; with it down the
 * stand-in answers every held backup; a new coordinator is launched on the same data folder (its
 * snapshots and projections) and the time runs from launching its JVM to the first {@code
 * ApplyMigrations} of the rollout read on {@code flotilla.commands.migrate}: start-up, rebuilding
 * the partitions from the log, re-issuing the pending steps and deciding on the waiting replies.
 * The stand-in then answers the rest, and every device must end DONE.
 */
public final class RestartBench {
  public static final int DEFAULT_DEVICES = 100_000;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration LONG = Duration.ofMinutes(30);

  private final Path workDir;
  private final PrintStream progress;
  private final KafkaSettings kafka;
  private final int devices;

  public RestartBench(Path workDir, PrintStream progress, KafkaSettings kafka, int devices) {
    if (devices < 1) {
      throw new IllegalArgumentException("devices must be at least 1");
    }
    this.workDir = workDir;
    this.progress = progress;
    this.kafka = kafka;
    this.devices = devices;
  }

  @SuppressWarnings("try") // the reader of dispatched migrations works by being open
  public RestartResult run() throws Exception {
    Files.createDirectories(workDir);
    TopicProvisioner.ensureTopics(kafka);
    String prefix = "r" + UUID.randomUUID().toString().substring(0, 4);
    List<DeviceId> fleet = SyntheticFleet.devices(prefix, devices);
    RolloutId id = RolloutId.of("bench-restart-" + prefix);
    progress.printf("Restart: announcing %d synthetic devices ...%n", devices);
    SyntheticFleet.pushMigrations(kafka, workDir);
    SyntheticFleet.announce(kafka, fleet);
    Path data = workDir.resolve("data");

    try (StandInWorkers standIn =
            new StandInWorkers(kafka, SyntheticFleet.FROM, SyntheticFleet.TO).start();
        RolloutFollower follower = new RolloutFollower(kafka)) {
      standIn.holdBackups(id);
      double fill;
      double baselineHeap;
      double inFlightHeap;
      double stop;
      try (CoordinatorChild first =
          CoordinatorChild.launch(workDir, "coordinator-1", kafka, data, List.of())) {
        first.awaitReady(READY_TIMEOUT);
        baselineHeap = first.liveHeapBytes() / 1e6;
        long published = System.nanoTime();
        Rollouts.publish(kafka, Rollouts.request(id, fleet));
        awaitHeld(standIn);
        fill = (System.nanoTime() - published) / 1e9;
        inFlightHeap = first.liveHeapBytes() / 1e6;
        progress.printf(
            "  %d backups held after %.2f s; coordinator live heap %.1f MB (%.1f before)%n",
            devices, fill, inFlightHeap, baselineHeap);
        long stopping = System.nanoTime();
        first.stop();
        stop = (System.nanoTime() - stopping) / 1e9;
      }
      standIn.releaseHeld();

      Map<Integer, Long> migrateEnds = endOffsets(Topics.commands(Step.MIGRATE));
      Set<DeviceId> dispatched = ConcurrentHashMap.newKeySet();
      AtomicLong firstAt = new AtomicLong();
      CompletableFuture<Long> allAt = new CompletableFuture<>();
      try (TopicReader<WorkerCommand> migrates =
              TopicReader.fromOffsets(
                      kafka,
                      Topics.commands(Step.MIGRATE),
                      migrateEnds,
                      record -> {
                        if (record.value() instanceof ApplyMigrations migrate
                            && migrate.rolloutId().equals(id)) {
                          long now = System.nanoTime();
                          firstAt.compareAndSet(0, now);
                          if (dispatched.add(migrate.deviceId()) && dispatched.size() == devices) {
                            allAt.complete(now);
                          }
                        }
                      })
                  .start();
          CoordinatorChild second =
              CoordinatorChild.launch(workDir, "coordinator-2", kafka, data, List.of())) {
        long launched = second.launchedAtNanos();
        long ready = second.awaitReady(READY_TIMEOUT);
        long all = allAt.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        OptionalLong cpu = second.cpuNanos();
        RolloutFollower.Ended ended = follower.awaitEnd(id, LONG);
        Map<String, Integer> outcomes = Rollouts.outcomesAllDone(ended, devices);
        double firstDispatch = (firstAt.get() - launched) / 1e9;
        progress.printf(
            "  restarted: deployed after %.2f s, first MIGRATE after %.2f s, all after %.2f s%n",
            (ready - launched) / 1e9, firstDispatch, (all - launched) / 1e9);
        second.stop();
        return new RestartResult(
            devices,
            fill,
            baselineHeap,
            inFlightHeap,
            stop,
            (ready - launched) / 1e9,
            firstDispatch,
            (all - launched) / 1e9,
            (ended.readAtNanos() - launched) / 1e9,
            cpu.isPresent() ? cpu.getAsLong() / 1e9 : null,
            outcomes.get("DONE"));
      }
    }
  }

  private void awaitHeld(StandInWorkers standIn) throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (standIn.heldCount() < devices) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + standIn.heldCount() + " of " + devices + " backups arrived");
      }
      Thread.sleep(20);
    }
  }

  private Map<Integer, Long> endOffsets(Topic<?> topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map((PartitionInfo info) -> new TopicPartition(topic.name(), info.partition()))
              .toList();
      Map<Integer, Long> ends = new HashMap<>();
      consumer.endOffsets(partitions).forEach((p, end) -> ends.put(p.partition(), end));
      return ends;
    }
  }

  /** A standalone try on a broker of its own: {@code [devices]}, default 100000. */
  public static void main(String[] args) throws Exception {
    int devices = args.length == 0 ? DEFAULT_DEVICES : Integer.parseInt(args[0]);
    Path work = Files.createTempDirectory("flotilla-restart-");
    System.setProperty("flotilla.bench.log", work.resolve("bench.log").toString());
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      new RestartBench(work, System.out, kafka, devices).run().printTo(System.out);
    }
    System.out.println("work folder: " + work);
    System.exit(0);
  }
}
