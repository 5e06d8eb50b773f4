package dev.flotilla.cli;

import dev.flotilla.backup.BackupCatalog;
import dev.flotilla.backup.BackupLayout;
import dev.flotilla.backup.BackupManifest;
import dev.flotilla.backup.BackupVerification;
import dev.flotilla.backup.FleetLayout;
import dev.flotilla.backup.OrphanSweeper;
import dev.flotilla.contracts.id.DeviceId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla backups list|verify [--device ID] [--backup-dir DIR] [--json]}: the backups on
 * disk, read straight from the backup directory (no broker or service needed). Exits 1 when any
 * backup is not intact. {@code flotilla backups restore} puts one back, through the coordinator.
 */
@Command(
    name = "backups",
    description = "List, verify or restore the backups in a backup directory.",
    subcommands = {
      BackupsCommand.ListBackups.class,
      BackupsCommand.VerifyBackups.class,
      BackupsCommand.SweepLeftovers.class,
      RestoreDeviceCommand.class
    })
final class BackupsCommand implements Callable<Integer> {
  static final String BACKUP_DIR = "FLOTILLA_BACKUP_DIR";

  /** Exit code when a backup is damaged or incomplete. */
  static final int NOT_INTACT = 1;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  /** The options both subcommands share. */
  static final class Selection {
    @Option(
        names = "--backup-dir",
        paramLabel = "DIR",
        description = "The backup directory (default: $" + BACKUP_DIR + ").")
    Path backupDir;

    @Option(names = "--device", paramLabel = "ID", description = "Only this device's backups.")
    String device;

    Path backupDir() {
      Path dir =
          backupDir != null
              ? backupDir
              : Optional.ofNullable(System.getenv(BACKUP_DIR))
                  .filter(value -> !value.isBlank())
                  .map(Path::of)
                  .orElseThrow(() -> new UserError("give --backup-dir DIR or set " + BACKUP_DIR));
      if (!Files.isDirectory(dir)) {
        throw new UserError("the backup directory " + dir + " does not exist");
      }
      return dir;
    }

    List<DeviceId> devices(BackupCatalog catalog) throws IOException {
      if (device == null) {
        return catalog.devices();
      }
      try {
        return List.of(DeviceId.of(device));
      } catch (IllegalArgumentException e) {
        throw new UserError("'" + device + "' is not a device id");
      }
    }
  }

  @Command(
      name = "list",
      description = "List the backups, comparing each file's size with its manifest.")
  static final class ListBackups implements Callable<Integer> {
    @Mixin Selection selection;

    @Option(names = "--json", description = "Print the backups as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      return BackupsCommand.report(selection, false, json, System.out);
    }
  }

  @Command(
      name = "verify",
      description =
          "Verify each backup's size and SHA-256 against its manifest (reads every byte).")
  static final class VerifyBackups implements Callable<Integer> {
    @Mixin Selection selection;

    @Option(names = "--json", description = "Print the backups as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      return BackupsCommand.report(selection, true, json, System.out);
    }
  }

  @Command(
      name = "sweep",
      description =
          "Delete what crashed backups and restores left behind (work files, backup files no"
              + " manifest names, pre-restore links of live databases), once older than"
              + " --older-than. Finished backups are never touched.")
  static final class SweepLeftovers implements Callable<Integer> {
    @Mixin Selection selection;

    @Option(
        names = "--fleet-dir",
        paramLabel = "DIR",
        description =
            "Also sweep the fleet folder's restore leftovers (default: $"
                + SimulateDevicesCommand.FLEET_DIR
                + " if set).")
    Path fleetDir;

    @Mixin FleetLayoutOption fleetLayout;

    @Option(
        names = "--older-than",
        paramLabel = "DURATION",
        defaultValue = "1d",
        description =
            "Leave younger files alone: a worker may still be writing them (e.g. 30m, 12h, 1d;"
                + " default ${DEFAULT-VALUE}).")
    String olderThan;

    @Override
    public Integer call() throws IOException {
      Duration grace = Durations.parse(olderThan, "--older-than");
      dev.flotilla.devicedb.FleetLayout layout = fleetLayout.layout();
      Optional<FleetLayout> fleet =
          Optional.ofNullable(fleetDir)
              .or(
                  () ->
                      Optional.ofNullable(System.getenv(SimulateDevicesCommand.FLEET_DIR))
                          .filter(value -> !value.isBlank())
                          .map(Path::of))
              .map(
                  dir -> {
                    if (!Files.isDirectory(dir)) {
                      throw new UserError("the fleet folder " + dir + " does not exist");
                    }
                    return new FleetLayout(dir, layout);
                  });
      Path backupDir = selection.backupDir();
      OrphanSweeper sweeper =
          new OrphanSweeper(new BackupLayout(backupDir), fleet, grace, Clock.systemUTC());
      List<OrphanSweeper.Removed> removed = new ArrayList<>();
      if (selection.device == null) {
        removed.addAll(sweeper.sweep());
      } else {
        for (DeviceId device : selection.devices(new BackupCatalog(backupDir))) {
          removed.addAll(sweeper.sweep(device));
        }
      }
      for (OrphanSweeper.Removed file : removed) {
        System.out.println("deleted " + file.file() + "  (" + file.reason() + ")");
      }
      System.out.printf(
          "%d leftover file(s) older than %s deleted%s.%n",
          removed.size(),
          olderThan,
          fleet.map(f -> " from " + backupDir + " and " + f.root()).orElse(" from " + backupDir));
      return 0;
    }
  }

  private static final String ROW = "%-24s %-40s %7s %12s %-24s %s%n";

  static int report(Selection selection, boolean checksums, boolean json, PrintStream out)
      throws IOException {
    BackupCatalog catalog = new BackupCatalog(selection.backupDir());
    if (json) {
      return reportJson(catalog, selection, checksums, out);
    }
    int shown = 0;
    int notIntact = 0;
    for (DeviceId device : selection.devices(catalog)) {
      for (BackupVerification check : catalog.checkAll(device, checksums)) {
        if (shown == 0) {
          out.printf(ROW, "DEVICE", "BACKUP", "VERSION", "SIZE", "CREATED", "STATUS");
        }
        Optional<BackupManifest> manifest = check.manifest();
        out.printf(
            ROW,
            device,
            check.backupId(),
            manifest.map(m -> String.valueOf(m.sourceVersion())).orElse("?"),
            manifest.map(m -> String.valueOf(m.sizeBytes())).orElse("?"),
            manifest.map(m -> m.createdAt().toString()).orElse("?"),
            check.intact() ? check.status() : check.status() + "  " + check.detail());
        shown++;
        if (!check.intact()) {
          notIntact++;
        }
      }
    }
    if (shown == 0) {
      out.println("No backups.");
      return 0;
    }
    out.printf(
        "%d backup(s), %d intact, %d not intact%s.%n",
        shown,
        shown - notIntact,
        notIntact,
        checksums ? "" : " (sizes compared; run 'flotilla backups verify' to check SHA-256)");
    return notIntact == 0 ? 0 : NOT_INTACT;
  }

  /**
   * The same as JSON: {@code {"backups": [...], "total", "intact", "notIntact", "checksums"}}, each
   * backup with its device, id, status, detail and what its manifest says.
   */
  private static int reportJson(
      BackupCatalog catalog, Selection selection, boolean checksums, PrintStream out)
      throws IOException {
    JsonArray backups = new JsonArray();
    int notIntact = 0;
    for (DeviceId device : selection.devices(catalog)) {
      for (BackupVerification check : catalog.checkAll(device, checksums)) {
        JsonObject backup =
            new JsonObject()
                .put("deviceId", device.value())
                .put("backupId", check.backupId().value())
                .put("status", check.status().name())
                .put("intact", check.intact())
                .put("detail", check.detail());
        check
            .manifest()
            .ifPresent(
                m ->
                    backup
                        .put("version", m.sourceVersion().jsonValue())
                        .put("sizeBytes", m.sizeBytes())
                        .put("sha256", m.sha256())
                        .put("createdAt", m.createdAt().toString())
                        .put("rolloutId", m.rolloutId().value()));
        backups.add(backup);
        if (!check.intact()) {
          notIntact++;
        }
      }
    }
    out.println(
        new JsonObject()
            .put("backups", backups)
            .put("total", backups.size())
            .put("intact", backups.size() - notIntact)
            .put("notIntact", notIntact)
            .put("checksums", checksums)
            .encode());
    return notIntact == 0 ? 0 : NOT_INTACT;
  }
}
