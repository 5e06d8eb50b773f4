package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a device's writing application did during a rollout, and what its database holds after it.
 *
 * @param rowsWritten the readings SQLite committed
 * @param failedWrites the writes that failed (SQLITE_BUSY once the busy timeout passed, or worse)
 * @param firstFailure the message of the first failed write
 * @param longestWrite the longest a single write took, its wait for the lock included
 * @param version the schema version the database is at; empty when it could not be read
 * @param missing committed readings the database no longer has
 * @param duplicated committed readings the database has more than once
 * @param unexpected readings in the database the application never saw committed
 * @param unreadable why the database could not be read after the rollout, if it could not
 */
public record WriterReport(
    DeviceId device,
    long rowsWritten,
    long failedWrites,
    Optional<String> firstFailure,
    Duration longestWrite,
    Optional<VersionId> version,
    long missing,
    long duplicated,
    long unexpected,
    Optional<String> unreadable) {

  /**
   * Compares the readings the application committed with the ones the database holds.
   *
   * @param present how often each reading time occurs among the rows added since the start
   */
  static WriterReport of(
      DeviceId device,
      List<String> committed,
      Map<String, Integer> present,
      long failedWrites,
      Optional<String> firstFailure,
      Duration longestWrite,
      VersionId version) {
    long missing = 0;
    long duplicated = 0;
    Set<String> seen = new HashSet<>();
    for (String reading : committed) {
      seen.add(reading);
      int count = present.getOrDefault(reading, 0);
      if (count == 0) {
        missing++;
      } else if (count > 1) {
        duplicated++;
      }
    }
    long unexpected =
        present.entrySet().stream()
            .filter(e -> !seen.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new WriterReport(
        device,
        committed.size(),
        failedWrites,
        firstFailure,
        longestWrite,
        Optional.of(version),
        missing,
        duplicated,
        unexpected,
        Optional.empty());
  }

  static WriterReport unreadable(
      DeviceId device,
      long rowsWritten,
      long failedWrites,
      Optional<String> firstFailure,
      Duration longestWrite,
      String why) {
    return new WriterReport(
        device,
        rowsWritten,
        failedWrites,
        firstFailure,
        longestWrite,
        Optional.empty(),
        0,
        0,
        0,
        Optional.of(why));
  }

  /** The database holds every reading the application committed exactly once, and no other. */
  public boolean readingsIntact() {
    return unreadable.isEmpty() && missing == 0 && duplicated == 0 && unexpected == 0;
  }

  public boolean atVersion(VersionId target) {
    return version.isPresent() && version.get().equals(target);
  }
}
