package dev.flotilla.bench.replay;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a log of rollouts onto {@code flotilla.events} as the coordinator would have written it:
 * {@link RolloutScript}'s events, encoded by the contracts' codec, keyed by rollout id (so the
 * producer's partitioner puts each rollout on the partition the coordinator's would), committed in
 * large transactions (the projector reads read_committed). Exactly {@code events} events: the last
 * rollout is cut short when the count falls inside it, as a log read while a rollout runs would be.
 * Rollout ids are fresh per generator, so other data on the topic is left alone.
 */
public final class EventLogGenerator {
  /** What was written. */
  public record Written(long events, int rollouts, long devices, long bytes, double seconds) {}

  private final KafkaSettings kafka;
  private final String runId;
  private final long seed;
  private final PrintStream progress;

  public EventLogGenerator(KafkaSettings kafka, String runId, long seed, PrintStream progress) {
    this.kafka = kafka;
    this.runId = runId;
    this.seed = seed;
    this.progress = progress;
  }

  /**
   * @param events how many events to write
   * @param devicesPerRollout devices of each rollout
   * @param eventsPerTransaction events per Kafka transaction
   */
  public Written write(long events, int devicesPerRollout, int eventsPerTransaction) {
    if (events < 1 || devicesPerRollout < 1 || eventsPerTransaction < 1) {
      throw new IllegalArgumentException("events, devices per rollout and transaction size >= 1");
    }
    long started = System.nanoTime();
    MessageCodec codec = new MessageCodec();
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-11-01T08:00:00Z");
    long written = 0;
    long bytes = 0;
    long devices = 0;
    int rollouts = 0;
    int inTransaction = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config())) {
      producer.initTransactions();
      producer.beginTransaction();
      while (written < events) {
        RolloutId rollout = RolloutId.of("replay-" + runId + "-" + (rollouts + 1));
        List<DeviceId> fleet = devices(rollouts, devicesPerRollout);
        List<RolloutEvent> script =
            RolloutScript.events(rollout, fleet, rollouts % 2 == 1, start, random);
        rollouts++;
        devices += fleet.size();
        start = script.get(script.size() - 1).occurredAt().plusSeconds(60);
        byte[] key = Topics.EVENTS.keyOf(script.get(0)).getBytes(StandardCharsets.UTF_8);
        for (RolloutEvent event : script) {
          if (written == events) {
            break;
          }
          byte[] value = codec.encode(event);
          producer.send(new ProducerRecord<>(Topics.EVENTS.name(), key, value));
          written++;
          bytes += value.length;
          if (++inTransaction == eventsPerTransaction) {
            producer.commitTransaction();
            producer.beginTransaction();
            inTransaction = 0;
          }
          if (written % 100_000 == 0) {
            progress.printf("  generated %,d of %,d events%n", written, events);
          }
        }
      }
      producer.commitTransaction();
    }
    return new Written(written, rollouts, devices, bytes, (System.nanoTime() - started) / 1e9);
  }

  /**
   * A rollout's devices: a slice of a fleet ten rollouts wide, so devices recur across rollouts.
   */
  private List<DeviceId> devices(int rollout, int count) {
    List<DeviceId> devices = new ArrayList<>(count);
    int fleet = count * 10;
    for (int i = 0; i < count; i++) {
      int n = ((rollout % 10) * count + i) % fleet;
      devices.add(DeviceId.of(String.format("rv-%s-%06d", runId, n)));
    }
    return devices;
  }

  private Map<String, Object> config() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "flotilla-bench-replay-" + runId);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "flotilla-bench-replay-" + runId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Large batches: the log is written to be read, quickly; the reader sees the same records.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
