package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * A plain idempotent producer ({@code acks=all}) for publishing outside a consume loop: the CLI,
 * the HTTP API, inventory reports. Sends carry the caller's current trace context. Thread-safe.
 */
public final class Publisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final RecordCodec codec = new RecordCodec(new MessageCodec());

  private Publisher(KafkaProducer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  public static Publisher create(KafkaSettings kafka) {
    return new Publisher(
        new KafkaProducer<>(
            ClientConfigs.producer(kafka, "flotilla-publisher-" + kafka.instanceId())));
  }

  /** Completes when the broker has the record on every in-sync replica, or fails. */
  public <V> CompletableFuture<Void> send(Topic<V> topic, V value) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      ProducerRecord<byte[], byte[]> record = codec.toRecord(Outgoing.to(topic, value));
      producer.send(
          record,
          (metadata, failure) -> {
            if (failure == null) {
              sent.complete(null);
            } else {
              sent.completeExceptionally(failure);
            }
          });
    } catch (RuntimeException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  /**
   * @throws KafkaException naming the topic, when the record could not be published
   */
  public <V> void sendAndWait(Topic<V> topic, V value) {
    try {
      send(topic, value).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new KafkaException("could not publish to " + topic.name() + ": " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing to " + topic.name(), e);
    }
  }

  /** Sends what is buffered, then closes. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
