package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import java.util.regex.Pattern;

/** Names a migration set: one folder of versioned scripts, such as {@code coachiq}. */
public record MigrationSetId(@JsonValue String value) implements Comparable<MigrationSetId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public MigrationSetId {
    Check.matches(
        value,
        SHAPE,
        "migrationSet",
        "a migration set name (letters, digits, . _ -, at most 64, starting with a letter or digit)");
  }

  @JsonCreator
  public static MigrationSetId of(String value) {
    return new MigrationSetId(value);
  }

  @Override
  public int compareTo(MigrationSetId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
