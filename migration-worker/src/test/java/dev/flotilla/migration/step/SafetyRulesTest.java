package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.migration.sqlite.AppliedMigration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void aSoundIdleDeviceBelowTheTargetHasNoReasons() {
    assertThat(SafetyRules.reasons(healthy())).isEmpty();
  }

  @Test
  void aDeviceAboveTheTargetIsAlreadyAtTarget() {
    SafetyFacts facts = with(healthy(), OptionalInt.of(5));

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.permanent(
                "already-at-target", "the device is at V5, above the target V4"));
  }

  @Test
  void historyGapsAndVersionsUnknownToTheCatalogueAreDriftToo() {
    SafetyFacts facts =
        new SafetyFacts(
            "garage",
            4,
            Path.of("rv.db"),
            true,
            100,
            OptionalLong.of(1_000),
            List.of(),
            Optional.empty(),
            false,
            OptionalInt.of(3),
            List.of(applied(1, A), applied(3, B)),
            true,
            List.of(),
            Map.of(1, A),
            Optional.empty(),
            false);

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.permanent(
                "schema-drift",
                "V2 is missing from the history; V3 is applied but not in the catalogue"));
  }

  @Test
  void exactlyTwiceTheDatabaseSizeOfFreeSpaceIsEnough() {
    SafetyFacts enough = withDisk(healthy(), 200);
    SafetyFacts short1 = withDisk(healthy(), 199);

    assertThat(SafetyRules.reasons(enough)).isEmpty();
    assertThat(SafetyRules.reasons(short1))
        .extracting(SafetyReason::code)
        .containsExactly("low-disk");
  }

  @Test
  void aMissingDatabaseStillReportsTheCatalogueAndDeviceReasons() {
    SafetyFacts facts =
        new SafetyFacts(
            "garage",
            4,
            Path.of("rv.db"),
            false,
            0,
            OptionalLong.empty(),
            List.of(),
            Optional.empty(),
            false,
            OptionalInt.empty(),
            List.of(),
            false,
            List.of(),
            Map.of(),
            Optional.of(new DeviceConditions(true, 1, List.of())),
            true);

    assertThat(SafetyRules.reasons(facts))
        .extracting(SafetyReason::code)
        .containsExactly("database-missing", "unknown-migration-set", "active-connections");
  }

  private static SafetyFacts healthy() {
    return new SafetyFacts(
        "garage",
        4,
        Path.of("rv.db"),
        true,
        100,
        OptionalLong.of(10_000),
        List.of(),
        Optional.empty(),
        false,
        OptionalInt.of(2),
        List.of(applied(1, A), applied(2, B)),
        true,
        List.of(),
        Map.of(1, A, 2, B),
        Optional.of(DeviceConditions.IDLE),
        true);
  }

  private static SafetyFacts with(SafetyFacts f, OptionalInt version) {
    return new SafetyFacts(
        f.migrationSet(),
        f.targetVersion(),
        f.databaseFile(),
        f.databaseExists(),
        f.sizeBytes(),
        f.usableDiskBytes(),
        f.corruption(),
        f.unreadable(),
        f.writeLockHeld(),
        version,
        f.applied(),
        f.setKnown(),
        f.missingVersions(),
        f.catalogueChecksums(),
        f.conditions(),
        f.requireReportedState());
  }

  private static SafetyFacts withDisk(SafetyFacts f, long usable) {
    return new SafetyFacts(
        f.migrationSet(),
        f.targetVersion(),
        f.databaseFile(),
        f.databaseExists(),
        f.sizeBytes(),
        OptionalLong.of(usable),
        f.corruption(),
        f.unreadable(),
        f.writeLockHeld(),
        f.currentVersion(),
        f.applied(),
        f.setKnown(),
        f.missingVersions(),
        f.catalogueChecksums(),
        f.conditions(),
        f.requireReportedState());
  }

  private static AppliedMigration applied(int version, String checksum) {
    return new AppliedMigration(version, "v" + version, checksum, "2026-01-01T00:00:00Z", 1, null);
  }
}
