package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import java.util.regex.Pattern;

/**
 * Names one rollout: an update request and everything it causes. The partition key of the
 * coordinator's topics.
 */
public record RolloutId(@JsonValue String value) implements Comparable<RolloutId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public RolloutId {
    Check.matches(
        value,
        SHAPE,
        "rolloutId",
        "a rollout id (letters, digits, . _ : -, at most 128, starting with a letter or digit)");
  }

  @JsonCreator
  public static RolloutId of(String value) {
    return new RolloutId(value);
  }

  @Override
  public int compareTo(RolloutId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
