package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import java.util.UUID;

/** The unique id of one message; other messages point at it as their {@code causationId}. */
public record MessageId(@JsonValue UUID value) {
  public MessageId {
    Check.required(value, "messageId");
  }

  public static MessageId random() {
    return new MessageId(UUID.randomUUID());
  }

  /** The same name always gives the same id: used where a retried step must not look new. */
  public static MessageId derivedFrom(String name) {
    return new MessageId(
        UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @JsonCreator
  public static MessageId of(String value) {
    Check.required(value, "messageId");
    try {
      return new MessageId(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      throw new InvalidMessageException("messageId", "'" + value + "' is not a UUID");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
