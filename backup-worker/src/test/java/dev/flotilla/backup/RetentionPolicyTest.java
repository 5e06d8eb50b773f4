package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.testsupport.Commands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final Instant NOW = Instant.parse("2026-12-31T12:00:00Z");

  private static BackupManifest backupDaysAgo(DeviceId device, String id, long days) {
    return backupAt(device, id, NOW.minus(Duration.ofDays(days)));
  }

  private static BackupManifest backupAt(DeviceId device, String id, Instant createdAt) {
    return new BackupManifest(
        BackupManifest.CURRENT_FORMAT,
        device,
        BackupId.of(id),
        CommandId.of("cmd-" + id),
        Commands.ROLLOUT,
        VersionId.of(2),
        4096,
        "ab".repeat(32),
        createdAt,
        new TreeMap<>(),
        new TreeMap<>(),
        "wal");
  }

  /** One backup a day, oldest first: b-<n> is n days old. */
  private static List<BackupManifest> dailyBackups(int count) {
    List<BackupManifest> backups = new ArrayList<>();
    for (int age = count - 1; age >= 0; age--) {
      backups.add(backupDaysAgo(DEVICE, "b-" + age, age));
    }
    return backups;
  }

  private static List<String> ids(List<BackupManifest> backups) {
    return backups.stream().map(backup -> backup.backupId().value()).toList();
  }

  @Test
  void backupsBeyondTheCountAndOlderThanTheMaxAgeMayBeDeletedOldestFirst() {
    RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 5);

    assertThat(ids(policy.deletable(dailyBackups(40), NOW)))
        .containsExactly("b-39", "b-38", "b-37", "b-36", "b-35", "b-34", "b-33", "b-32", "b-31");
  }

  @Test
  void theNewestBackupsAreKeptHoweverOldTheyAre() {
    List<BackupManifest> old =
        List.of(
            backupDaysAgo(DEVICE, "b-300", 300),
            backupDaysAgo(DEVICE, "b-200", 200),
            backupDaysAgo(DEVICE, "b-100", 100));

    assertThat(ids(new RetentionPolicy(Duration.ofDays(30), 2).deletable(old, NOW)))
        .containsExactly("b-300");
    assertThat(new RetentionPolicy(Duration.ofDays(30), 3).deletable(old, NOW)).isEmpty();
  }

  @Test
  void theNewestBackupIsNeverDeletedEvenWithTheSmallestSettings() {
    RetentionPolicy policy = new RetentionPolicy(Duration.ZERO, 1);
    List<BackupManifest> backups =
        List.of(backupDaysAgo(DEVICE, "b-90", 90), backupDaysAgo(DEVICE, "b-80", 80));

    assertThat(ids(policy.deletable(backups, NOW))).containsExactly("b-90");
    assertThat(policy.deletable(List.of(backupDaysAgo(DEVICE, "only", 400)), NOW)).isEmpty();
  }

  @Test
  void backupsInsideTheSagaWindowAreKeptEvenWhenTheMaxAgeIsShorter() {
    RetentionPolicy policy = new RetentionPolicy(Duration.ZERO, 1);
    Instant now = NOW.plus(Duration.ofHours(12));

    // b-0 is 12 hours old at `now`, b-1 36 hours old.
    assertThat(ids(policy.deletable(dailyBackups(3), now))).containsExactly("b-2", "b-1");
    // b-1 is exactly one day old at NOW: still inside the window.
    assertThat(ids(policy.deletable(dailyBackups(3), NOW))).containsExactly("b-2");
    List<BackupManifest> recent =
        List.of(
            backupAt(DEVICE, "old", NOW.minus(Duration.ofHours(23))),
            backupDaysAgo(DEVICE, "new", 0));
    assertThat(policy.deletable(recent, NOW)).isEmpty();
  }

  @Test
  void aBackupExactlyMaxAgeOldOrDatedInTheFutureIsKept() {
    RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 1);
    List<BackupManifest> backups =
        List.of(
            backupDaysAgo(DEVICE, "b-30", 30),
            backupDaysAgo(DEVICE, "future", -2),
            backupDaysAgo(DEVICE, "b-0", 0));

    assertThat(policy.deletable(backups, NOW)).isEmpty();
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), 5);
    List<BackupManifest> shuffled = new ArrayList<>(dailyBackups(40));
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));

    assertThat(policy.deletable(shuffled, NOW)).isEqualTo(policy.deletable(dailyBackups(40), NOW));
  }

  @Test
  void backupsOfSeveralDevicesAreRefusedAndBadSettingsRejected() {
    List<BackupManifest> mixed =
        List.of(backupDaysAgo(DEVICE, "a", 90), backupDaysAgo(DeviceId.of("rv-0002"), "b", 90));

    assertThatThrownBy(() -> RetentionPolicy.defaults().deletable(mixed, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rv-0002");
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(-1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RetentionPolicy.defaults()).isEqualTo(new RetentionPolicy(Duration.ofDays(30), 5));
  }
}
