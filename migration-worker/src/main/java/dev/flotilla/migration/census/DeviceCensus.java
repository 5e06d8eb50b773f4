package dev.flotilla.migration.census;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device in the census: its version, and how it is known.
 *
 * @param version the device's version; empty when it cannot be told ({@link Status#UNKNOWN_SCHEMA},
 *     {@link Status#UNREADABLE})
 * @param evidence why an adoptable or unknown database is at its version or at none; the problem of
 *     an unreadable one
 * @param closest for an unknown schema, the version it differs least from
 * @param differences for an unknown schema, how it differs from {@code closest}
 * @param drift for a drifting history, each way it strays from the catalogue
 */
public record DeviceCensus(
    DeviceId device,
    Status status,
    Optional<VersionId> version,
    Optional<String> evidence,
    Optional<VersionId> closest,
    List<String> differences,
    List<String> drift) {

  /** How a device's version is known. */
  public enum Status {
    /** Flotilla's history says, and agrees with the catalogue. */
    TRACKED("tracked"),
    /** No history of Flotilla's; the schema proves the version (see the evidence). */
    ADOPTABLE("adoptable"),
    /** No history of Flotilla's, and the version cannot be told: not adopted. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** Flotilla's history says, but strays from the catalogue: the safety check refuses it. */
    DRIFT("drift"),
    /** The database could not be read. */
    UNREADABLE("unreadable");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    /** The name in JSON and for people: {@code unknown-schema}. */
    public String wireName() {
      return wireName;
    }
  }

  public DeviceCensus {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(closest, "closest");
    differences = List.copyOf(differences);
    drift = List.copyOf(drift);
  }

  public static DeviceCensus tracked(DeviceId device, VersionId version) {
    return new DeviceCensus(
        device,
        Status.TRACKED,
        Optional.of(version),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of());
  }

  public static DeviceCensus drift(DeviceId device, VersionId version, List<String> drift) {
    return new DeviceCensus(
        device,
        Status.DRIFT,
        Optional.of(version),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        drift);
  }

  public static DeviceCensus adoptable(DeviceId device, VersionId version, String evidence) {
    return new DeviceCensus(
        device,
        Status.ADOPTABLE,
        Optional.of(version),
        Optional.of(evidence),
        Optional.empty(),
        List.of(),
        List.of());
  }

  public static DeviceCensus unknown(
      DeviceId device, VersionId closest, List<String> differences, String evidence) {
    return new DeviceCensus(
        device,
        Status.UNKNOWN_SCHEMA,
        Optional.empty(),
        Optional.of(evidence),
        Optional.of(closest),
        differences,
        List.of());
  }

  public static DeviceCensus unreadable(DeviceId device, String problem) {
    return new DeviceCensus(
        device,
        Status.UNREADABLE,
        Optional.empty(),
        Optional.of(problem),
        Optional.empty(),
        List.of(),
        List.of());
  }
}
