package dev.flotilla.backup;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the finished backups in a backup directory and re-checks them against their manifests. */
public final class BackupCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);

  private final BackupLayout layout;

  public BackupCatalog(Path backupDir) {
    this.layout = new BackupLayout(backupDir);
  }

  /** The manifests of a device's finished backups, oldest first; unreadable ones are skipped. */
  public List<BackupManifest> list(DeviceId device) throws IOException {
    Path dir = layout.deviceDir(device);
    List<BackupManifest> manifests = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return manifests;
    }
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, "[!.]*" + BackupLayout.MANIFEST_SUFFIX)) {
      for (Path entry : entries) {
        try {
          manifests.add(ManifestFiles.read(entry));
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("Skipping unreadable manifest {}", entry, e);
        }
      }
    }
    manifests.sort(
        Comparator.comparing(BackupManifest::createdAt).thenComparing(BackupManifest::backupId));
    return manifests;
  }

  /** Finds the backup in whichever device folder holds it, then verifies it. */
  public BackupVerification verify(BackupId backupId) throws IOException {
    if (Files.isDirectory(layout.root())) {
      try (DirectoryStream<Path> devices =
          Files.newDirectoryStream(layout.root(), Files::isDirectory)) {
        for (Path deviceDir : devices) {
          String name = deviceDir.getFileName().toString();
          boolean holdsIt =
              Files.exists(deviceDir.resolve(backupId.value() + BackupLayout.MANIFEST_SUFFIX))
                  || Files.exists(
                      deviceDir.resolve(backupId.value() + BackupLayout.DATABASE_SUFFIX));
          if (holdsIt && !Files.isSymbolicLink(deviceDir)) {
            return verify(DeviceId.of(name), backupId);
          }
        }
      }
    }
    return new BackupVerification(
        backupId,
        Status.NOT_FOUND,
        Optional.empty(),
        "no backup " + backupId + " in " + layout.root());
  }

  /**
   * The devices with a backup folder, in id order; folders not named by a device id are skipped.
   */
  public List<DeviceId> devices() throws IOException {
    List<DeviceId> devices = new ArrayList<>();
    if (!Files.isDirectory(layout.root())) {
      return devices;
    }
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            layout.root(), entry -> Files.isDirectory(entry) && !Files.isSymbolicLink(entry))) {
      for (Path entry : entries) {
        try {
          devices.add(DeviceId.of(entry.getFileName().toString()));
        } catch (IllegalArgumentException e) {
          LOG.debug("Skipping {}: not a device folder", entry);
        }
      }
    }
    devices.sort(Comparator.naturalOrder());
    return devices;
  }

  /**
   * Checks every backup of a device that has a manifest, a file or both, oldest first (pieces
   * without a readable manifest last).
   *
   * @param checksums whether to hash each file (slow: reads every byte) or to compare sizes only
   */
  public List<BackupVerification> checkAll(DeviceId device, boolean checksums) throws IOException {
    Path dir = layout.deviceDir(device);
    List<BackupVerification> checks = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return checks;
    }
    SortedSet<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "[!.]*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(BackupLayout.MANIFEST_SUFFIX)) {
          ids.add(name.substring(0, name.length() - BackupLayout.MANIFEST_SUFFIX.length()));
        } else if (name.endsWith(BackupLayout.DATABASE_SUFFIX)) {
          ids.add(name.substring(0, name.length() - BackupLayout.DATABASE_SUFFIX.length()));
        }
      }
    }
    for (String id : ids) {
      BackupId backupId;
      try {
        backupId = BackupId.of(id);
      } catch (IllegalArgumentException e) {
        LOG.debug("Skipping {} in {}: not a backup id", id, dir);
        continue;
      }
      checks.add(inspect(device, backupId, checksums));
    }
    checks.sort(
        Comparator.comparing(
                (BackupVerification check) ->
                    check.manifest().map(BackupManifest::createdAt).orElse(Instant.MAX))
            .thenComparing(check -> check.backupId().value()));
    return checks;
  }

  /** Re-checks a backup's size and SHA-256 against its manifest. */
  public BackupVerification verify(DeviceId device, BackupId backupId) throws IOException {
    return inspect(device, backupId, true);
  }

  private BackupVerification inspect(DeviceId device, BackupId backupId, boolean checksum)
      throws IOException {
    Path manifestFile = layout.manifestFile(device, backupId);
    Path backupFile = layout.backupFile(device, backupId);
    boolean hasManifest = Files.isRegularFile(manifestFile);
    boolean hasFile = Files.isRegularFile(backupFile);
    if (!hasManifest && !hasFile) {
      return new BackupVerification(
          backupId, Status.NOT_FOUND, Optional.empty(), "no backup " + backupId + " of " + device);
    }
    if (!hasManifest) {
      return new BackupVerification(
          backupId, Status.INCOMPLETE, Optional.empty(), backupFile + " has no manifest");
    }
    BackupManifest manifest;
    try {
      manifest = ManifestFiles.read(manifestFile);
    } catch (IOException | IllegalArgumentException e) {
      return new BackupVerification(
          backupId, Status.DAMAGED, Optional.empty(), manifestFile + " is unreadable: " + e);
    }
    if (!hasFile) {
      return new BackupVerification(
          backupId, Status.INCOMPLETE, Optional.of(manifest), backupFile + " is missing");
    }
    long size = Files.size(backupFile);
    if (!checksum) {
      return size == manifest.sizeBytes()
          ? new BackupVerification(
              backupId,
              Status.INTACT,
              Optional.of(manifest),
              "size matches the manifest (checksum not read)")
          : new BackupVerification(
              backupId,
              Status.DAMAGED,
              Optional.of(manifest),
              backupFile + " has " + size + " bytes, the manifest records " + manifest.sizeBytes());
    }
    String sha256 = Sha256.of(backupFile);
    if (size != manifest.sizeBytes() || !sha256.equals(manifest.sha256())) {
      return new BackupVerification(
          backupId,
          Status.DAMAGED,
          Optional.of(manifest),
          backupFile
              + " has "
              + size
              + " bytes hashing to "
              + sha256
              + ", the manifest records "
              + manifest.sizeBytes()
              + " bytes hashing to "
              + manifest.sha256());
    }
    return new BackupVerification(
        backupId, Status.INTACT, Optional.of(manifest), "size and sha256 match the manifest");
  }
}
