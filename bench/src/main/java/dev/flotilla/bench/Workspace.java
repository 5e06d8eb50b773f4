package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.DemoFleet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bench's files, all on one file system: a master demo fleet generated once, a fresh copy of it
 * for every run of every variant, the sample migration set, and a Flyway folder holding only its
 * {@code V} scripts. Copies are forced to disk before a run starts, so no variant pays for writing
 * back another's files.
 */
final class Workspace {
  private final Path root;
  private final Path masterFleet;
  private final Path migrationSet;
  private final Path flywayFolder;
  private final List<DeviceId> devices;

  private Workspace(
      Path root, Path masterFleet, Path migrationSet, Path flywayFolder, List<DeviceId> devices) {
    this.root = root;
    this.masterFleet = masterFleet;
    this.migrationSet = migrationSet;
    this.flywayFolder = flywayFolder;
    this.devices = devices;
  }

  /** Empties {@code root} and generates the master fleet of {@code devices} databases there. */
  static Workspace create(Path root, int devices, long seed) throws IOException {
    deleteTree(root);
    Files.createDirectories(root);
    Path master = root.resolve("master-fleet");
    List<DeviceId> ids = DemoFleet.generate(master, devices, seed);
    Path set = DemoFleet.sampleMigrations(root.resolve("migrations"));
    Path flyway = Files.createDirectories(root.resolve("flyway").resolve(set.getFileName()));
    try (Stream<Path> scripts = Files.list(set)) {
      for (Path script : scripts.filter(Workspace::isVersionedMigration).toList()) {
        Files.copy(script, flyway.resolve(script.getFileName()));
      }
    }
    return new Workspace(root, master, set, flyway, ids);
  }

  Path root() {
    return root;
  }

  /** The sample set {@code coachiq}: V1..V5, U2..U5 and C3..C5. */
  Path migrationSet() {
    return migrationSet;
  }

  /** V1..V5 only, as a Flyway user's folder holds them. */
  Path flywayFolder() {
    return flywayFolder;
  }

  /** Every device of the master fleet, in order. */
  List<DeviceId> devices() {
    return devices;
  }

  /** A folder of the workspace for one variant's own files; empty, created if missing. */
  Path emptyDir(String... names) throws IOException {
    Path dir = root;
    for (String name : names) {
      dir = dir.resolve(name);
    }
    deleteTree(dir);
    return Files.createDirectories(dir);
  }

  /** The bytes of the master fleet's databases. */
  long fleetBytes() throws IOException {
    long bytes = 0;
    for (DeviceId device : devices) {
      bytes += Files.size(DemoFleet.databaseOf(masterFleet, device));
    }
    return bytes;
  }

  /**
   * Replaces {@code target} with a copy of the first {@code count} devices of the master fleet,
   * forced to disk, and returns their ids.
   */
  List<DeviceId> freshCopy(Path target, int count) throws IOException {
    List<DeviceId> chosen = devices.subList(0, Math.min(count, devices.size()));
    freshCopy(target, chosen);
    return List.copyOf(chosen);
  }

  /** Replaces {@code target} with a copy of {@code chosen} devices of the master fleet. */
  void freshCopy(Path target, List<DeviceId> chosen) throws IOException {
    deleteTree(target);
    Files.createDirectories(target);
    for (DeviceId device : chosen) {
      Path copy = DemoFleet.databaseOf(target, device);
      Files.copy(DemoFleet.databaseOf(masterFleet, device), copy);
      force(copy, StandardOpenOption.WRITE);
    }
    force(target, StandardOpenOption.READ);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void force(Path path, StandardOpenOption mode) throws IOException {
    try (FileChannel channel = FileChannel.open(path, mode)) {
      channel.force(true);
    }
  }

  private static boolean isVersionedMigration(Path script) {
    String name = script.getFileName().toString();
    return name.startsWith("V") && name.endsWith(".sql");
  }
}
