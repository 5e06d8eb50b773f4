package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.ViewSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code flotilla status} prints the API's answers. */
class StatusCommandTest {
  @Test
  void theListShowsEachRolloutOnOneLine() {
    String text = StatusCommand.list(ViewSamples.ROLLOUTS.rollouts());

    assertThat(text.lines())
        .hasSize(4)
        .anySatisfy(
            l ->
                assertThat(l)
                    .containsPattern("r-2026-11-22-a +AWAITING_APPROVAL +coachiq/5 +3 +1 +1 +1/2"))
        .anySatisfy(l -> assertThat(l).containsPattern("r-2026-11-20-c +REJECTED +- +0 +0 +0 +-"));
    assertThat(StatusCommand.list(List.of())).isEqualTo("No rollouts yet.\n");
  }

  @Test
  void aRolloutShowsItsStagesAndEachWave() {
    String text = StatusCommand.show(ViewSamples.DETAIL);

    assertThat(text)
        .startsWith("Rollout r-2026-11-22-a: AWAITING_APPROVAL\n  wave 2 awaits approval\n")
        .contains("  set/version   coachiq/5\n")
        .contains("  devices       3  done 1, pending 2\n")
        .containsPattern("wave 1 +STARTED +1 devices  done 1")
        .containsPattern("wave 2 +AWAITING_APPROVAL +0 devices")
        .contains("not yet in a wave: 2");
  }

  @Test
  void aRejectedRolloutListsItsReasonsOnce() {
    var rejected = ViewSamples.ROLLOUTS.rollouts().get(2);
    String text =
        StatusCommand.show(
            dev.flotilla.contracts.view.RolloutDetail.of(
                rejected, dev.flotilla.contracts.view.StageCounts.NONE, List.of(), 0, null));

    assertThat(text).containsOnlyOnce("has no version 7").contains("  - migrationSet:");
  }

  @Test
  void aDryRunSaysWhatItsRehearsalsFound() {
    String text = StatusCommand.show(ViewSamples.DRY_RUN_DETAIL);

    assertThat(text)
        .contains("(dry run)")
        .contains(
            "  rehearsed     1 of 2: 37 ms in all, the slowest 37 ms; size +8.0 KiB;"
                + " 168.0 KiB free needed, at most 168.0 KiB on one device\n");
    assertThat(StatusCommand.show(ViewSamples.DETAIL)).doesNotContain("rehearsed");
  }

  @Test
  void jsonIsTheApiAnswerItself() {
    String json = JsonOutput.of(ViewSamples.DETAIL);

    assertThat(json)
        .contains("\"targetVersion\" : 5")
        .contains("\"finishedAt\" : null")
        .contains("\"byStage\"");
  }
}
