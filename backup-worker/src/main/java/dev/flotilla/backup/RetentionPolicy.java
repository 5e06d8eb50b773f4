package dev.flotilla.backup;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides which finished backups of one device may be deleted. Pure: no files, no clock.
 *
 * <p>A backup is kept when ANY of these holds, and may be deleted only when none does:
 *
 * <ol>
 *   <li>it is the device's newest backup — always, whatever the settings. A device's saga takes its
 *       backup first and restores from that same backup if a later step fails; sagas of one device
 *       never overlap, so the backup an unfinished saga may still need is the newest one;
 *   <li>it is among the newest {@code keep} backups;
 *   <li>it is younger than {@code maxAge};
 *   <li>it is younger than {@link #SAGA_WINDOW}, which outlasts any saga's step timeouts, so a
 *       backup a slow or redelivered saga might still restore is never deleted under it even when
 *       {@code maxAge} is set shorter. A backup dated in the future (clock skew) counts as young.
 * </ol>
 *
 * Newest means latest {@code createdAt}, ties broken by backup id, as {@link BackupCatalog} orders
 * them.
 *
 * @param maxAge backups younger than this are kept
 * @param keep how many of the newest backups are kept regardless of age (at least 1)
 */
public record RetentionPolicy(Duration maxAge, int keep) {
  public static final int DEFAULT_KEEP = 5;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  /** Longer than any step of a device saga may take, retries included. */
  public static final Duration SAGA_WINDOW = Duration.ofDays(1);

  private static final Comparator<BackupManifest> NEWEST_FIRST =
      Comparator.comparing(BackupManifest::createdAt)
          .thenComparing(manifest -> manifest.backupId().value())
          .reversed();

  public RetentionPolicy {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
    }
    Check.atLeast(keep, 1, "keep");
  }

  public static RetentionPolicy defaults() {
    return new RetentionPolicy(DEFAULT_MAX_AGE, DEFAULT_KEEP);
  }

  /**
   * The backups that may be deleted at {@code now}, oldest first.
   *
   * @param backups the finished backups of one device, in any order
   * @throws IllegalArgumentException when the backups belong to more than one device
   */
  public List<BackupManifest> deletable(List<BackupManifest> backups, Instant now) {
    Objects.requireNonNull(now, "now");
    if (backups.isEmpty()) {
      return List.of();
    }
    DeviceId device = backups.get(0).deviceId();
    for (BackupManifest backup : backups) {
      if (!backup.deviceId().equals(device)) {
        throw new IllegalArgumentException(
            "retention is decided per device, got backups of "
                + device
                + " and "
                + backup.deviceId());
      }
    }
    Duration protectedAge = maxAge.compareTo(SAGA_WINDOW) > 0 ? maxAge : SAGA_WINDOW;
    Instant keepNewerThan = now.minus(protectedAge);
    List<BackupManifest> newestFirst = new ArrayList<>(backups);
    newestFirst.sort(NEWEST_FIRST);
    List<BackupManifest> deletable = new ArrayList<>();
    // keep >= 1, so the newest backup is never among these.
    for (BackupManifest backup :
        newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
      if (backup.createdAt().isBefore(keepNewerThan)) {
        deletable.add(backup);
      }
    }
    Collections.reverse(deletable);
    return List.copyOf(deletable);
  }
}
