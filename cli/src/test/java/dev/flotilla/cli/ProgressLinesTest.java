package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.ViewSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code flotilla watch} draws: the rollout, a bar per wave, who waits. */
class ProgressLinesTest {
  @Test
  void theRolloutThenABarPerWaveThenTheDevicesNoWaveAdmittedYet() {
    List<ProgressLines.Line> lines = ProgressLines.of(ViewSamples.DETAIL);

    assertThat(lines)
        .extracting(ProgressLines.Line::key)
        .containsExactly("rollout", "wave 1", "wave 2", "waiting");
    assertThat(lines.get(0).text())
        .isEqualTo(
            "r-2026-11-22-a AWAITING_APPROVAL [########----------------] 1/3 ended   wave 2 awaits approval");
    assertThat(lines.get(1).text()).isEqualTo("  wave 1   [########################] 1/1   done 1");
    assertThat(lines.get(2).text())
        .isEqualTo("  wave 2   awaiting approval (flotilla approve r-2026-11-22-a 2)");
    assertThat(lines.get(3).text()).isEqualTo("  not yet in a wave: 2");
  }

  @Test
  void aFinishedDryRunShowsItsStagesOnItsLine() {
    List<ProgressLines.Line> lines = ProgressLines.of(ViewSamples.DRY_RUN_DETAIL);

    assertThat(lines.get(0).text())
        .endsWith("[########################] 2/2 ended   done 1, skipped 1");
    assertThat(lines).hasSize(2);
  }

  @Test
  void aBarIsFullForNoDevicesAndNeverOverflows() {
    assertThat(ProgressLines.bar(0, 0)).isEqualTo("#".repeat(24));
    assertThat(ProgressLines.bar(1, 4)).isEqualTo("######" + "-".repeat(18));
    assertThat(ProgressLines.bar(5, 4)).isEqualTo("#".repeat(24));
  }
}
