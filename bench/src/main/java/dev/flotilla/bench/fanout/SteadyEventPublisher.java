package dev.flotilla.bench.fanout;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes {@code flotilla.events} the way the coordinator does, at a steady rate: real {@link
 * StepDispatched} events (each with its safety-check command) encoded by {@link MessageCodec},
 * keyed by rollout id, in Kafka transactions of what fell due each tick (10 ms), over rollouts of
 * their own spread across the partitions.
 */
final class SteadyEventPublisher implements AutoCloseable {
  private static final long TICK_NANOS = Duration.ofMillis(10).toNanos();

  private final KafkaProducer<byte[], byte[]> producer;
  private final MessageCodec codec = new MessageCodec();
  private final RolloutId[] rollouts;
  private final long[] sequences;
  private long published;

  private SteadyEventPublisher(KafkaProducer<byte[], byte[]> producer, int rolloutCount) {
    this.producer = producer;
    String run = UUID.randomUUID().toString().substring(0, 8);
    this.rollouts = new RolloutId[rolloutCount];
    for (int i = 0; i < rolloutCount; i++) {
      rollouts[i] = RolloutId.of("r-bench-fanout-" + run + "-" + i);
    }
    this.sequences = new long[rolloutCount];
  }

  static SteadyEventPublisher create(KafkaSettings kafka, int rollouts) {
    Properties config = new Properties();
    String id = "flotilla-bench-fanout-" + UUID.randomUUID();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, id);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
    producer.initTransactions();
    return new SteadyEventPublisher(producer, rollouts);
  }

  /** Publishes {@code perSecond} events a second for {@code duration}; blocks meanwhile. */
  void publish(int perSecond, Duration duration) {
    long total = perSecond * duration.toMillis() / 1000;
    long due = 0;
    long begin = System.nanoTime();
    for (long tick = begin; due < total; tick += TICK_NANOS) {
      LockSupport.parkNanos(tick - System.nanoTime());
      long shouldHave = (System.nanoTime() - begin) * perSecond / 1_000_000_000L;
      long batch = Math.min(shouldHave, total) - due;
      if (batch <= 0) {
        continue;
      }
      producer.beginTransaction();
      for (long i = 0; i < batch; i++) {
        send();
      }
      producer.commitTransaction();
      due += batch;
    }
  }

  /** Events committed so far. */
  long published() {
    return published;
  }

  private void send() {
    int r = (int) (published % rollouts.length);
    StepDispatched event = dispatched(rollouts[r], ++sequences[r], "rv-" + (published % 1000));
    producer.send(
        new ProducerRecord<>(
            Topics.EVENTS.name(),
            Topics.EVENTS.keyOf(event).getBytes(StandardCharsets.UTF_8),
            codec.encode(event)));
    published++;
  }

  private static StepDispatched dispatched(RolloutId rollout, long sequence, String device) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MessageId eventId = MessageId.random();
    RunSafetyCheck command =
        new RunSafetyCheck(
            MessageId.random(),
            CommandId.of("c-" + UUID.randomUUID()),
            rollout,
            DeviceId.of(device),
            eventId,
            now,
            now.plusSeconds(300),
            MigrationSetId.of("coachiq"),
            VersionId.of(5),
            false);
    return new StepDispatched(eventId, rollout, sequence, MessageId.random(), now, command);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
