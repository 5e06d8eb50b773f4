package dev.flotilla.devicedb.foreign;

import java.util.Objects;
import java.util.Optional;

/**
 * One migration a tool counts as applied, each field exactly as the tool stored it; a field the
 * tool does not keep is empty.
 *
 * @param version the version id as stored ({@code "1.1"} for Flyway, {@code "20240101120000"} for
 *     the timestamped tools)
 * @param description the tool's description of it (Flyway, sqlx)
 * @param checksum the tool's checksum of its script: Flyway's signed CRC32 in decimal, sqlx's
 *     SHA-384 in lower-case hex
 * @param appliedAt when the tool recorded it, in the tool's own text ({@code 2024-05-01
 *     09:30:12.345})
 */
public record AppliedEntry(
    String version,
    Optional<String> description,
    Optional<String> checksum,
    Optional<String> appliedAt) {

  public AppliedEntry {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(appliedAt, "appliedAt");
  }

  /** An entry that is only a version: the tool keeps nothing else. */
  public static AppliedEntry version(String version) {
    return new AppliedEntry(version, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
