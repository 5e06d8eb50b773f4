package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import java.util.regex.Pattern;

/**
 * Names one dispatched step. It is also the idempotency key: a worker that sees it again replays
 * its recorded reply.
 */
public record CommandId(@JsonValue String value) implements Comparable<CommandId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}");

  public CommandId {
    Check.matches(value, SHAPE, "commandId", "a command id");
  }

  @JsonCreator
  public static CommandId of(String value) {
    return new CommandId(value);
  }

  @Override
  public int compareTo(CommandId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
