package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.ViewSamples;
import org.junit.jupiter.api.Test;

/** What an operator's command says it asked. */
class ControlCommandsTest {
  @Test
  void itSaysWhatWasAskedByWhomAndWhereTheAnswerWillShow() {
    assertThat(
            ControlCommands.asked("pause rollout r-2026-11-22-a", "ops@host", ViewSamples.ACCEPTED))
        .isEqualTo(
            "asked to pause rollout r-2026-11-22-a as ops@host (PauseRollout"
                + " 00000000-0000-4000-8000-000000000002); the coordinator decides: flotilla status"
                + " r-2026-11-22-a");
  }

  @Test
  void whoAsksIsTheUserAtThisHostUnlessSaid() {
    assertThat(Requester.defaultName()).contains("@");
    Requester requester = new Requester();
    requester.requestedBy = "lead@example.com";
    assertThat(requester.name()).isEqualTo("lead@example.com");
  }
}
