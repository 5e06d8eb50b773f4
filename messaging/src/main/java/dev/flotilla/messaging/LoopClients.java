package dev.flotilla.messaging;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group member and the transactional producer of one loop session, opened and closed as one.
 */
final class LoopClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoopClients.class);

  final KafkaConsumer<byte[], byte[]> consumer;
  final KafkaProducer<byte[], byte[]> producer;
  private final LoopSpec spec;
  private final LoopHealth health;
  private final KafkaClientMetrics consumerMetrics;

  LoopClients(LoopSpec spec, String clientId, LoopHealth health) {
    this.spec = spec;
    this.health = health;
    this.consumer =
        new KafkaConsumer<>(
            ClientConfigs.groupMember(
                spec.kafka(),
                spec.groupId(),
                clientId,
                spec.maxPollRecords(),
                spec.maxPollInterval()));
    try {
      this.producer =
          new KafkaProducer<>(
              ClientConfigs.transactionalProducer(spec.kafka(), spec.transactionalId()));
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    // The consumer's own metrics, its lag per partition among them, on /metrics.
    this.consumerMetrics = new KafkaClientMetrics(consumer, Tags.of("group", spec.groupId()));
    consumerMetrics.bindTo(Metrics.globalRegistry);
  }

  /** The consumer's poll returned: the broker answers. */
  void polled() {
    health.polled();
  }

  @Override
  public void close() {
    consumerMetrics.close();
    try {
      // Leave the group even as a static member: a clean stop hands its partitions on now.
      consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
    } catch (RuntimeException e) {
      log.warn("Closing the consumer of group {} failed: {}", spec.groupId(), e.toString());
    }
    try {
      // An open transaction is aborted by the broker; nothing of it becomes visible.
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.warn("Closing the producer {} failed: {}", spec.transactionalId(), e.toString());
    }
  }
}
