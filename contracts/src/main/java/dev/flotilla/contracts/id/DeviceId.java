package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import java.util.regex.Pattern;

/** Names one device database. Safe as a file name: no separators, never starts with a dot. */
public record DeviceId(@JsonValue String value) implements Comparable<DeviceId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public DeviceId {
    Check.matches(
        value,
        SHAPE,
        "deviceId",
        "a device id (letters, digits, . _ -, at most 128, starting with a letter or digit)");
  }

  @JsonCreator
  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public int compareTo(DeviceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
