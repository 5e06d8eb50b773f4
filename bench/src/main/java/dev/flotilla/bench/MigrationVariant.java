package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One way of bringing every device of a fleet from version 2 to version 5, timed by the bench. */
interface MigrationVariant {
  /** Short name for the command line and the results file. */
  String key();

  /** Name in the report. */
  String title();

  /** What it does for each device, said so that the differences between variants show. */
  String does();

  /** Where the fresh copy of the fleet it migrates is put before each run. */
  Path fleetDir();

  /** Readies the variant's own files before a run; not timed. */
  default void beforeRun() throws Exception {}

  /**
   * Migrates every device, one after the other, on the calling thread.
   *
   * @throws Exception when a device is not migrated; a run that fails is never reported
   */
  void migrateAll(List<DeviceId> devices) throws Exception;

  /**
   * The time the last {@link #migrateAll} spent in each of its steps, in the order they run; empty
   * for a variant of one step.
   */
  default Map<String, Long> nanosByStep() {
    return Map.of();
  }

  /**
   * The settings of the connection that writes the migration, read on {@code device} of a fresh
   * copy (which it may migrate). Not timed.
   */
  ConnectionSettings connectionSettings(DeviceId device) throws Exception;
}
