package dev.flotilla.bench;

import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.coordinator.projection.RebuildReport;
import dev.flotilla.messaging.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How fast the coordinator's projections are rebuilt from {@code flotilla.events}, as {@code
 * flotilla replay} does it (into a new projections file each round), against the floor: a consumer
 * reading the same topic, read_committed, to its end, decoding nothing. Both timings include
 * creating the consumer and finding the partitions; the rebuild also opens and resets the store.
 */
final class ReplayBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaSettings kafka;
  private final Path dir;
  private final PrintStream out;

  ReplayBench(KafkaSettings kafka, Path dir, PrintStream out) {
    this.kafka = kafka;
    this.dir = dir;
    this.out = out;
  }

  ReplayResult run(int rounds) {
    List<Double> projector = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> bareSetup = new ArrayList<>();
    long events = -1;
    for (int round = 0; round <= rounds; round++) {
      // Alternate which goes first, so neither always reads a log the other just warmed.
      boolean projectorFirst = round % 2 == 0;
      BareRead bareRead = null;
      if (!projectorFirst) {
        bareRead = readToEnd();
      }
      long started = System.nanoTime();
      RebuildReport report =
          Projector.rebuild(kafka, dir.resolve("projections-" + round + ".db"), TIMEOUT);
      long projectorNanos = System.nanoTime() - started;
      if (projectorFirst) {
        bareRead = readToEnd();
      }
      if (report.events() != bareRead.records()) {
        throw new IllegalStateException(
            "the rebuild applied "
                + report.events()
                + " events, the bare read found "
                + bareRead.records());
      }
      events = bareRead.records();
      long bareNanos = bareRead.nanos();
      String label = round == 0 ? "warm-up" : "round " + round + "/" + rounds;
      out.printf(
          "  %-8s replay of %d events: projections %.3f s, bare read %.3f s%n",
          label, events, projectorNanos / 1e9, bareNanos / 1e9);
      if (round > 0) {
        projector.add(projectorNanos / 1e9);
        bare.add(bareNanos / 1e9);
        ratios.add((double) projectorNanos / bareNanos);
        bareSetup.add(bareRead.setupNanos() / 1e9);
      }
    }
    long total = events;
    return new ReplayResult(
        "Projector.rebuild into a new projections file (what `flotilla replay` runs): read"
            + " read_committed, decode each event, apply each poll in one SQLite transaction with"
            + " its offsets; against a consumer reading every partition to its end",
        total,
        Spread.of(projector),
        Spread.of(bare),
        Spread.of(bareSetup),
        Spread.of(projector.stream().map(seconds -> total / seconds).toList()),
        Spread.of(bare.stream().map(seconds -> total / seconds).toList()),
        Spread.of(ratios));
  }

  /**
   * @param setupNanos from creating the consumer to knowing where every partition ends
   */
  private record BareRead(long records, long nanos, long setupNanos) {}

  /** Reads every partition of the events topic from its beginning to its end; counts records. */
  private BareRead readToEnd() {
    long started = System.nanoTime();
    long setUp;
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flotilla-bench-bare-read");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(Topics.EVENTS.name())) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      setUp = System.nanoTime();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the bare read did not reach the end within " + TIMEOUT);
        }
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        records += polled.count();
      }
    }
    return new BareRead(records, System.nanoTime() - started, setUp - started);
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }
}
