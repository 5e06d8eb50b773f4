package dev.flotilla.migration.census;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.adoption.Identification;
import dev.flotilla.migration.adoption.SchemaIdentifier;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.step.HistoryDrift;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Takes the {@link Census} of a fleet folder for one set: every device database read on a read-only
 * connection, identified as the safety check identifies it ({@link SchemaIdentifier}), and a
 * history of Flotilla's judged by the safety check's drift rule ({@link HistoryDrift}). Writes
 * nothing. Blocks (JDBC): call it off any event loop. Thread-safe.
 */
public final class FleetCensus {
  /** How long one census may take: fingerprinting a set's chains runs its scripts. */
  public static final Duration TIME_LIMIT = Duration.ofMinutes(5);

  private final DatabaseFolder fleet;
  private final Catalogue catalogue;
  private final Clock clock;

  /** Kept from one census to the next: its answers are per chain content, never stale. */
  private final ChainFingerprints fingerprints = new ChainFingerprints();

  public FleetCensus(DatabaseFolder fleet, Catalogue catalogue, Clock clock) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /** The catalogue has no script of the set asked for: there is nothing to count against. */
  public static final class UnknownSetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownSetException(MigrationSetId set) {
      super("the catalogue has no migration set '" + set + "'");
    }
  }

  /**
   * @throws UnknownSetException when the catalogue has no such set
   * @throws IOException when the fleet folder cannot be listed
   */
  public Census take(MigrationSetId set) throws IOException {
    Catalogue now = catalogue.snapshot();
    if (!now.knowsSet(set)) {
      throw new UnknownSetException(set);
    }
    SchemaIdentifier identifier = new SchemaIdentifier(now, fingerprints);
    Map<VersionId, String> checksums = HistoryDrift.catalogueChecksums(now, set);
    Deadline deadline = new Deadline(clock.instant().plus(TIME_LIMIT), clock);
    List<DeviceCensus> devices = new ArrayList<>();
    for (DeviceId device : fleet.devices()) {
      devices.add(count(device, set, identifier, checksums, deadline));
    }
    return new Census(set, devices);
  }

  private DeviceCensus count(
      DeviceId device,
      MigrationSetId set,
      SchemaIdentifier identifier,
      Map<VersionId, String> checksums,
      Deadline deadline) {
    try (Handle handle = fleet.database(device).openForReading(deadline)) {
      Connection db = handle.getConnection();
      Identification found = identifier.identify(db, set, deadline);
      if (found instanceof Identification.Tracked tracked) {
        List<String> drift = HistoryDrift.of(SchemaHistory.applied(db), checksums);
        return drift.isEmpty()
            ? DeviceCensus.tracked(device, tracked.version())
            : DeviceCensus.drift(device, tracked.version(), drift);
      }
      if (found instanceof Identification.Adoptable adoptable) {
        return DeviceCensus.adoptable(device, adoptable.version(), adoptable.evidence());
      }
      Identification.Unknown unknown = (Identification.Unknown) found;
      return DeviceCensus.unknown(
          device, unknown.closest(), unknown.differences(), unknown.evidence());
    } catch (Exception e) {
      return DeviceCensus.unreadable(device, SqliteFailures.describe(e));
    }
  }
}
