package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records no consumer could take go to {@link Topics#DEAD_LETTERS} with their original key, bytes
 * and headers, plus headers saying why and where from.
 */
public final class DeadLetters {
  public static final String REASON = "flotilla.dlq.reason";
  public static final String TOPIC = "flotilla.dlq.topic";
  public static final String PARTITION = "flotilla.dlq.partition";
  public static final String OFFSET = "flotilla.dlq.offset";
  public static final String GROUP = "flotilla.dlq.group";

  private DeadLetters() {}

  static ProducerRecord<byte[], byte[]> of(
      ConsumerRecord<byte[], byte[]> original, String reason, String groupId) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : original.headers()) {
      headers.add(header);
    }
    headers.add(REASON, utf8(reason));
    headers.add(TOPIC, utf8(original.topic()));
    headers.add(PARTITION, utf8(Integer.toString(original.partition())));
    headers.add(OFFSET, utf8(Long.toString(original.offset())));
    headers.add(GROUP, utf8(groupId));
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(), null, original.key(), original.value(), headers);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
