package dev.flotilla.cli;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.census.Census;
import dev.flotilla.migration.census.FleetCensus;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla fleet census --set NAME [--json] [--fleet-dir DIR] [--fleet-layout PATTERN]}:
 * every device database of the fleet folder with its version of the set and how it is known, and
 * the devices counted per version, read-only. The catalogue comes from {@code flotilla.migrations},
 * as {@code flotilla migrations list} reads it; the census is the migration worker's own ({@link
 * FleetCensus}), the same JSON as its {@code GET /api/census}.
 */
@Command(
    name = "census",
    description =
        "Every device database of the fleet folder with its version of set NAME and how it is"
            + " known: tracked (Flotilla's history), adoptable (no history; the version its"
            + " schema proves, and why), unknown-schema (the closest version and the"
            + " differences), drift (Flotilla's history strays from the catalogue) or unreadable;"
            + " and how many devices are at each version. Reads only.")
final class FleetCensusCommand implements Callable<Integer> {
  @Option(names = "--set", paramLabel = "NAME", required = true, description = "The migration set.")
  String set;

  @Option(names = "--json", description = "Print the same as one JSON document.")
  boolean json;

  @Option(
      names = {"--fleet-dir", "--fleet"},
      paramLabel = "DIR",
      description = "The fleet folder (default: $" + SimulateDevicesCommand.FLEET_DIR + ").")
  Path fleetDir;

  @Mixin FleetLayoutOption fleetLayout;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() throws IOException {
    MigrationSetId setId = setId();
    DatabaseFolder fleet = new DatabaseFolder(fleetDir(), fleetLayout.layout());
    Catalogue catalogue = CatalogueSnapshot.read(kafkaOptions.settings());
    if (!catalogue.knowsSet(setId)) {
      throw new UserError(
          "the catalogue has no migration set '"
              + setId
              + "'; push it with `flotilla migrations push`");
    }
    Census census = new FleetCensus(fleet, catalogue, Clock.systemUTC()).take(setId);
    if (json) {
      System.out.println(census.json().encodePrettily());
    } else {
      System.out.print(CensusTable.text(census));
    }
    return 0;
  }

  private MigrationSetId setId() {
    try {
      return MigrationSetId.of(set);
    } catch (InvalidMessageException e) {
      throw new UserError("--set: " + e.problem());
    }
  }

  private Path fleetDir() {
    Path dir =
        fleetDir != null
            ? fleetDir
            : Optional.ofNullable(System.getenv(SimulateDevicesCommand.FLEET_DIR))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElseThrow(
                    () ->
                        new UserError(
                            "give --fleet-dir DIR or set " + SimulateDevicesCommand.FLEET_DIR));
    if (!Files.isDirectory(dir)) {
      throw new UserError("the fleet folder " + dir + " does not exist");
    }
    return dir;
  }
}
