package dev.flotilla.cli;

import static dev.flotilla.cli.Rollouts.device;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.view.Rehearsal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code flotilla dry-run} reports of the fleet. */
class DryRunReportTest {
  @Test
  void whatWouldMigrateBeSkippedAndFailThenTimeSizeAndDisk() {
    String text =
        DryRunReport.text(
            Rollouts.rollout(
                "FINISHED",
                null,
                true,
                Rollouts.outcomes(2, 1, 0, 1, 0),
                4,
                true,
                new Rehearsal(
                    4,
                    2,
                    1500,
                    900,
                    2 * 1024 * 1024,
                    2 * 1024 * 1024 + 8192,
                    8192,
                    5 * 1024 * 1024,
                    3 * 1024 * 1024)),
            List.of(
                device("rv-1", DeviceStage.DONE, null, "dry run: 2→5 in 600 ms"),
                device("rv-2", DeviceStage.DONE, null),
                device("rv-3", DeviceStage.SKIPPED, null, "vehicle-moving (the vehicle is moving)"),
                device("rv-4", DeviceStage.FAILED, null, "migrate: no such table: parts")),
            2_000_000_000L);

    assertThat(text)
        .startsWith("Dry run r-1: coachiq to version 5 on 4 devices, ended in 315.0s\n")
        .contains("  would migrate           2  (from V2: 2)\n")
        .contains(
            "  would be skipped        1\n    rv-3         vehicle-moving (the vehicle is moving)\n")
        .contains("  would fail              1\n    rv-4         migrate: no such table: parts\n")
        .contains("  migrate time        1.5 s in all, the slowest device 900 ms\n")
        .contains("  size                2.0 MiB -> 2.0 MiB (+8.0 KiB)\n")
        .contains(
            "  disk needed         5.0 MiB free across the fleet, at most 3.0 MiB on one device\n")
        .doesNotContain("not rehearsed yet");
  }

  @Test
  void aDryRunStoppedEarlyListsTheDevicesNotRehearsedYet() {
    String text =
        DryRunReport.text(
            Rollouts.rollout(
                "RUNNING", null, false, Rollouts.outcomes(0, 0, 0, 0, 0), 1, true, null),
            List.of(device("rv-1", DeviceStage.DEFERRED, null, "vehicle-moving (driving)")),
            0);

    assertThat(text)
        .contains("still running")
        .contains("  not rehearsed yet       1\n    rv-1         vehicle-moving (driving)\n")
        .doesNotContain("migrate time");
  }

  @Test
  void aRejectedDryRunSaysWhy() {
    assertThat(DryRunReport.text(Rollouts.rejected(), List.of(), 0))
        .contains("REJECTED; no device was touched:")
        .contains("has no version 7");
  }
}
