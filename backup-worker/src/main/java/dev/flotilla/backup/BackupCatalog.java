package dev.flotilla.backup;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

  public BackupVerification verify(DeviceId device, BackupId backupId) throws IOException {
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
