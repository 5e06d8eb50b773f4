package dev.flotilla.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageType;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.topic.Topic;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Between typed values and Kafka records: keys from the topic, values through MessageCodec. */
final class RecordCodec {
  /** A consumed record either decodes to a value or is invalid for a stated reason. */
  sealed interface Decoded<V> permits Valid, Invalid {}

  record Valid<V>(Incoming<V> incoming) implements Decoded<V> {}

  record Invalid<V>(String reason) implements Decoded<V> {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MessageCodec codec;

  RecordCodec(MessageCodec codec) {
    this.codec = codec;
  }

  /**
   * The record to send, carrying its own trace context, or else the one current on the calling
   * thread.
   */
  <V> ProducerRecord<byte[], byte[]> toRecord(Outgoing<V> outgoing) {
    Topic<V> topic = outgoing.topic();
    String key = topic.keyOf(outgoing.value());
    RecordHeaders headers = new RecordHeaders();
    TraceHeaders.inject(outgoing.trace() == null ? Context.current() : outgoing.trace(), headers);
    outgoing
        .headers()
        .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    return new ProducerRecord<>(
        topic.name(),
        null,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        encode(outgoing.value()),
        headers);
  }

  <V> Decoded<V> decode(Topic<V> topic, ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return new Invalid<>("the record has no value");
    }
    V value;
    try {
      value = codec.decode(topic, record.value());
    } catch (RuntimeException e) {
      String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Invalid<>("not a valid " + expected(topic, record.value()) + ": " + problem);
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    return new Valid<>(new Incoming<>(topic, record.partition(), record.offset(), key, value));
  }

  /**
   * What the record was meant to be: the type it names, where that is one of the topic's family (an
   * UpdateRequest on the topic that also carries restores), else the family.
   */
  private static String expected(Topic<?> topic, byte[] value) {
    String family = topic.type().getSimpleName();
    try {
      JsonNode type = JSON.readTree(value).path("type");
      return type.isTextual()
          ? MessageTypes.byName(type.asText())
              .filter(named -> topic.type().isAssignableFrom(named.javaType()))
              .map(MessageType::name)
              .orElse(family)
          : family;
    } catch (IOException | RuntimeException e) {
      return family;
    }
  }

  private byte[] encode(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof Message message) {
      return codec.encode(message);
    }
    throw new IllegalArgumentException(
        value.getClass().getName() + " is neither a Message nor raw bytes");
  }
}
