package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.migration.sqlite.QueryOutcome;
import dev.flotilla.migration.sqlite.QueryOutcome.Cause;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aSoundIdleDeviceBelowTheTargetHasNoReasons() {
    assertThat(SafetyRules.reasons(healthy())).isEmpty();
  }

  @Test
  void aDeviceAtTheTargetIsAlreadyThere() {
    SafetyFacts facts = with(healthy(), Optional.of(VersionId.of(4)));

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.permanent("already-at-target", "the device is at V4, the target"));
  }

  @Test
  void aDeviceAboveTheTargetIsADowngradeThatNeedsEveryUndoScript() {
    SafetyFacts above = with(healthy(), Optional.of(VersionId.of(5)));
    SafetyFacts lacking = withMissingUndo(above, List.of("V5"));

    assertThat(SafetyRules.reasons(above)).isEmpty();
    assertThat(SafetyRules.reasons(lacking))
        .containsExactly(
            SafetyReason.permanent(
                "missing-undo",
                "the device is at V5, above the target V4, and the set has no undo script for"
                    + " V5"));
  }

  @Test
  void historyGapsAndVersionsUnknownToTheCatalogueAreDriftToo() {
    SafetyFacts facts =
        new SafetyFacts(
            "garage",
            VersionId.of(4),
            Path.of("rv.db"),
            true,
            100,
            OptionalLong.of(1_000),
            List.of(),
            Optional.empty(),
            false,
            Optional.of(VersionId.of(3)),
            List.of(applied(1, A), applied(3, B)),
            true,
            List.of(),
            Map.of(VersionId.of(1), A, VersionId.of(2), B),
            state(Optional.empty(), false),
            List.of());

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
            VersionId.of(4),
            Path.of("rv.db"),
            false,
            0,
            OptionalLong.empty(),
            List.of(),
            Optional.empty(),
            false,
            Optional.empty(),
            List.of(),
            false,
            List.of(),
            Map.of(),
            state(Optional.of(new DeviceConditions(true, 1, List.of())), true),
            List.of());

    assertThat(SafetyRules.reasons(facts))
        .extracting(SafetyReason::code)
        .containsExactly("database-missing", "unknown-migration-set", "active-connections");
  }

  @Test
  void everyRowOfAProbeIsAPermanentReasonNamingTheScriptTheCountAndTheFirstRows() {
    SafetyFacts facts =
        withProbes(
            healthy(),
            probe("P3 (unique vin)", rows(5, "(vin=A, n=2)", "(vin=B, n=2)", "(vin=C, n=3)")),
            probe("P4 (battery monitor)", rows(1, "(recorded_at=yesterday)")));

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.permanent(
                "preflight-failed",
                "P3 (unique vin) returned 5 rows: (vin=A, n=2); (vin=B, n=2); (vin=C, n=3); 2 more"),
            SafetyReason.permanent(
                "preflight-failed",
                "P4 (battery monitor) returned 1 row: (recorded_at=yesterday)"));
  }

  @Test
  void aProbeThatReturnsNoRowsIsNoReason() {
    assertThat(SafetyRules.reasons(withProbes(healthy(), probe("P3 (unique vin)", rows(0)))))
        .isEmpty();
  }

  @Test
  void aProbeWhoseSqlCannotRunIsAPermanentPreflightErrorNeverIgnored() {
    SafetyFacts facts =
        withProbes(
            healthy(),
            probe(
                "P3 (unique vin)",
                new QueryOutcome.Failed("[SQLITE_ERROR] no such table: cars", Cause.SCRIPT)));

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.permanent(
                "preflight-error",
                "P3 (unique vin) could not run: [SQLITE_ERROR] no such table: cars"));
  }

  @Test
  void probesStoppedAtTheDeadlineAreOneTransientReasonNamingThemAll() {
    Instant deadline = Instant.parse("2026-11-22T10:00:00Z");
    SafetyFacts facts =
        withProbes(
            healthy(),
            probe("P3 (unique vin)", rows(0)),
            probe("P4 (slow)", new QueryOutcome.StoppedAtDeadline(deadline)),
            probe("P5 (after)", new QueryOutcome.StoppedAtDeadline(deadline)));

    assertThat(SafetyRules.reasons(facts))
        .containsExactly(
            SafetyReason.transientReason(
                "preflight-timeout",
                "P4 (slow), P5 (after) were stopped at the deadline 2026-11-22T10:00:00Z"));
  }

  @Test
  void aProbeFailingForTheDatabasesSakeIsJudgedAsTheDatabase() {
    SafetyFacts facts =
        withProbes(
            healthy(),
            probe("P2 (a)", new QueryOutcome.Failed("database is locked", Cause.BUSY)),
            probe("P3 (b)", new QueryOutcome.Failed("disk I/O error", Cause.SURROUNDINGS)),
            probe("P4 (c)", new QueryOutcome.Failed("malformed", Cause.CORRUPTION)));

    assertThat(SafetyRules.reasons(facts))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("database-busy", true),
            org.assertj.core.groups.Tuple.tuple("database-unreadable", true),
            org.assertj.core.groups.Tuple.tuple("corrupt-database", false));
  }

  @Test
  void preflightFailuresComeWithEveryOtherReasonAtOnce() {
    SafetyFacts facts =
        withProbes(
            withDisk(withConditions(healthy(), new DeviceConditions(false, 0, List.of())), 10),
            probe("P3 (unique vin)", rows(2, "(vin=A)", "(vin=B)")));

    assertThat(SafetyRules.reasons(facts))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("low-disk", true),
            org.assertj.core.groups.Tuple.tuple("preflight-failed", false),
            org.assertj.core.groups.Tuple.tuple("vehicle-moving", true));
  }

  private static SafetyFacts.Probe probe(String script, QueryOutcome outcome) {
    return new SafetyFacts.Probe(script, outcome);
  }

  private static QueryOutcome rows(long count, String... first) {
    return new QueryOutcome.Returned(count, List.of(first));
  }

  private static SafetyFacts healthy() {
    return new SafetyFacts(
        "garage",
        VersionId.of(4),
        Path.of("rv.db"),
        true,
        100,
        OptionalLong.of(10_000),
        List.of(),
        Optional.empty(),
        false,
        Optional.of(VersionId.of(2)),
        List.of(applied(1, A), applied(2, B)),
        true,
        List.of(),
        Map.of(VersionId.of(1), A, VersionId.of(2), B),
        state(Optional.of(DeviceConditions.IDLE), true),
        List.of());
  }

  private static SafetyFacts with(SafetyFacts f, Optional<VersionId> version) {
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
        f.deviceState(),
        f.probes());
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
        f.deviceState(),
        f.probes());
  }

  private static SafetyFacts withMissingUndo(SafetyFacts f, List<String> missingUndo) {
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
        f.currentVersion(),
        f.applied(),
        f.setKnown(),
        f.missingVersions(),
        f.catalogueChecksums(),
        f.deviceState(),
        f.probes(),
        f.ownershipUnkeepable(),
        missingUndo);
  }

  private static AppliedMigration applied(int version, String checksum) {
    return new AppliedMigration(
        VersionId.of(version), "v" + version, checksum, "2026-01-01T00:00:00Z", 1, null);
  }

  private static SafetyFacts withProbes(SafetyFacts f, SafetyFacts.Probe... probes) {
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
        f.currentVersion(),
        f.applied(),
        f.setKnown(),
        f.missingVersions(),
        f.catalogueChecksums(),
        f.deviceState(),
        List.of(probes));
  }

  private static SafetyFacts withConditions(SafetyFacts f, DeviceConditions conditions) {
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
        f.currentVersion(),
        f.applied(),
        f.setKnown(),
        f.missingVersions(),
        f.catalogueChecksums(),
        state(Optional.of(conditions), f.deviceState().required()),
        f.probes());
  }

  /** The device's report of {@code conditions}, observed a moment before it is judged. */
  private static ReportedState state(Optional<DeviceConditions> conditions, boolean required) {
    return new ReportedState(
        conditions.map(
            c ->
                new DeviceStateReport(
                    MessageId.random(), NOW, DeviceId.of("rv"), NOW.minusSeconds(1), c, List.of())),
        NOW,
        Duration.ofMinutes(5),
        required);
  }
}
