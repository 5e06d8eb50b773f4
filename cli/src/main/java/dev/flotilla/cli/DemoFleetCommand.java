package dev.flotilla.cli;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.DemoFleet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla demo-fleet}: the demo's device databases and sample migration set written to
 * folders, for services run on their own (docker compose, {@code deploy/compose-test.sh}) rather
 * than by {@code flotilla demo}. Hidden: a tool for trying Flotilla out, not for fleets.
 */
@Command(
    name = "demo-fleet",
    hidden = true,
    description =
        "Write demo device databases (rv-0001.db, ...) at version "
            + DemoFleet.GENERATED_VERSION
            + " of the sample set "
            + DemoFleet.MIGRATION_SET
            + ", and optionally the set's scripts.")
final class DemoFleetCommand implements Callable<Integer> {
  @Option(
      names = "--devices",
      defaultValue = "10",
      description = "How many device databases (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "The fleet folder; the databases must not exist yet.")
  Path dir;

  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      description = "Also write the sample migration set to DIR/" + DemoFleet.MIGRATION_SET + ".")
  Path migrations;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the generated rows (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (devices < 1) {
      throw new UserError("--devices must be at least 1, not " + devices);
    }
    List<DeviceId> generated = DemoFleet.generate(dir, devices, seed);
    System.out.printf(
        "%d device databases at version %d of %s in %s (%s ... %s)%n",
        generated.size(),
        DemoFleet.GENERATED_VERSION,
        DemoFleet.MIGRATION_SET,
        dir.toAbsolutePath(),
        generated.get(0).value(),
        generated.get(generated.size() - 1).value());
    if (migrations != null) {
      Path set = DemoFleet.sampleMigrations(migrations);
      System.out.println(
          "migration set " + DemoFleet.MIGRATION_SET + " in " + set.toAbsolutePath());
    }
    return 0;
  }
}
