package dev.flotilla.cli;

import static dev.flotilla.cli.Rollouts.device;
import static dev.flotilla.cli.Rollouts.outcomes;
import static dev.flotilla.cli.Rollouts.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.event.DeviceStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code flotilla watch} says at the end. */
class EndReportTest {
  @Test
  void theOutcomesThenEachDeviceNotDoneWithWhyAndItsBackup() {
    String text =
        EndReport.text(
            rollout("FINISHED", true, outcomes(1, 0, 1, 1, 0), 3),
            List.of(
                device("rv-1", DeviceStage.DONE, "rv-1-b"),
                device(
                    "rv-2", DeviceStage.ROLLED_BACK, "rv-2-b", "migrate: UNIQUE constraint failed"),
                device(
                    "rv-3",
                    DeviceStage.SKIPPED,
                    null,
                    "drift (V2 checksum differs)",
                    "line\nbreak")),
            12_300_000_000L);

    assertThat(text)
        .startsWith("Rollout r-1 ended in 315.0s\n")
        .contains("  at target version, verified       1\n")
        .contains("  rolled back, data intact          1\n")
        .contains("  skipped (not safe), untouched     1\n")
        .contains("  of 3 devices\n")
        .containsPattern(
            "rv-2 +ROLLED_BACK +migrate: UNIQUE constraint failed  \\(backup rv-2-b\\)")
        .containsPattern("rv-3 +SKIPPED +drift \\(V2 checksum differs\\); line; break\n")
        .doesNotContain("rv-1 ");
  }

  @Test
  void anAbortedRolloutSaysSoAndWhoAbortedIt() {
    String text =
        EndReport.text(
            rollout(
                "ABORTED",
                "aborted by ops@example.com",
                true,
                outcomes(1, 0, 0, 2, 0),
                3,
                false,
                null),
            List.of(),
            0);

    assertThat(text)
        .startsWith("Rollout r-1 ended in 315.0s: ABORTED (aborted by ops@example.com)\n");
  }

  @Test
  void aRolloutStillRunningCountsTheDevicesNotEndedYet() {
    String text =
        EndReport.text(
            rollout("PAUSED", false, outcomes(1, 0, 0, 0, 0), 4), List.of(), 5_000_000_000L);

    assertThat(text)
        .startsWith("Rollout r-1 still running after 5.0s of watching: PAUSED\n")
        .contains("  not ended yet                     3\n");
  }

  @Test
  void aRejectedRolloutListsItsReasons() {
    assertThat(EndReport.text(Rollouts.rejected(), List.of(), 0))
        .isEqualTo(
            "Rollout r-2026-11-20-c was REJECTED; no device was touched:\n"
                + "  - migrationSet: 'coachiq' has no version 7\n");
  }
}
