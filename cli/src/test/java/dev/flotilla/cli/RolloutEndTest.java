package dev.flotilla.cli;

import static dev.flotilla.cli.Rollouts.outcomes;
import static dev.flotilla.cli.Rollouts.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exit code of {@code flotilla watch} and {@code dry-run} says how the rollout ended. */
class RolloutEndTest {
  @Test
  void everyDeviceDoneIsZero() {
    assertThat(RolloutEnd.exitCode(rollout("FINISHED", true, outcomes(3, 0, 0, 0, 0), 3))).isZero();
  }

  @Test
  void anyDeviceThatEndedOtherwiseIsOne() {
    assertThat(RolloutEnd.exitCode(rollout("FINISHED", true, outcomes(2, 0, 0, 1, 0), 3)))
        .isEqualTo(1);
    assertThat(RolloutEnd.exitCode(rollout("FINISHED", true, outcomes(2, 0, 1, 0, 0), 3)))
        .isEqualTo(1);
    assertThat(RolloutEnd.exitCode(rollout("FINISHED", true, outcomes(2, 0, 0, 0, 1), 3)))
        .isEqualTo(1);
  }

  @Test
  void rejectedIsThree() {
    assertThat(RolloutEnd.exitCode(Rollouts.rejected())).isEqualTo(3);
  }

  @Test
  void abortedIsFourEvenWhenEveryDeviceThatRanIsDone() {
    assertThat(RolloutEnd.exitCode(rollout("ABORTED", true, outcomes(1, 0, 0, 2, 0), 3)))
        .isEqualTo(4);
  }

  @Test
  void stillRunningPausedHaltedOrAwaitingIsFive() {
    for (String status : new String[] {"RUNNING", "PAUSED", "HALTED", "AWAITING_APPROVAL"}) {
      assertThat(RolloutEnd.exitCode(rollout(status, false, outcomes(1, 0, 0, 0, 0), 3)))
          .as(status)
          .isEqualTo(5);
    }
    // Aborted, with a device still in flight: it has not ended yet.
    assertThat(RolloutEnd.exitCode(rollout("ABORTED", false, outcomes(1, 0, 0, 1, 0), 3)))
        .isEqualTo(5);
  }
}
