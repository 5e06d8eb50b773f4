package dev.flotilla.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.Check;
import java.util.regex.Pattern;

/**
 * Names one backup inside the backup directory. Its shape keeps every backup path inside that
 * directory.
 */
public record BackupId(@JsonValue String value) implements Comparable<BackupId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  public BackupId {
    Check.matches(
        value,
        SHAPE,
        "backupId",
        "a backup id (letters, digits, . _ -, starting with a letter or digit)");
  }

  @JsonCreator
  public static BackupId of(String value) {
    return new BackupId(value);
  }

  @Override
  public int compareTo(BackupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
