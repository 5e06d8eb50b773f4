package dev.flotilla.contracts;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;

/**
 * Anything Flotilla puts on a topic. On the wire every message is a JSON object whose {@code type}
 * is a stable logical name (never a Java class name) and whose {@code schema} is its version;
 * {@link dev.flotilla.contracts.codec.MessageTypes} is the one list of both.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface Message {
  MessageId messageId();

  Instant occurredAt();
}
