package dev.flotilla.cli;

import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.StageCounts;
import dev.flotilla.contracts.view.WaveProgress;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rollout's progress as {@code flotilla watch} shows it: one line for the rollout, a bar per
 * wave, and the devices no wave has admitted yet. Each line has a key that stays the same while its
 * text changes, so a log can print only the lines that changed. Pure.
 */
final class ProgressLines {
  private static final int BAR = 24;

  /** One line: {@code key} names what it is about ({@code rollout}, {@code wave 2}). */
  record Line(String key, String text) {}

  private ProgressLines() {}

  static List<Line> of(RolloutDetail r) {
    List<Line> lines = new ArrayList<>();
    int ended = r.byStage().ended();
    lines.add(
        new Line(
            "rollout",
            String.format(
                "%s %-17s [%s] %d/%d ended   %s",
                r.rolloutId(),
                r.status(),
                bar(ended, r.devices()),
                ended,
                r.devices(),
                detail(r))));
    for (WaveProgress w : r.byWave()) {
      lines.add(new Line("wave " + w.wave(), wave(r.rolloutId(), w)));
    }
    if (r.notYetInAWave() > 0 && !RolloutStatus.REJECTED.name().equals(r.status())) {
      lines.add(new Line("waiting", "  not yet in a wave: " + r.notYetInAWave()));
    }
    return lines;
  }

  private static String wave(String rolloutId, WaveProgress w) {
    String label = String.format("  wave %-3d", w.wave());
    if (w.state().equals("AWAITING_APPROVAL")) {
      return label + " awaiting approval (flotilla approve " + rolloutId + " " + w.wave() + ")";
    }
    if (w.state().equals("APPROVED")) {
      return label + " approved by " + w.approvedBy() + ", starting";
    }
    int ended = w.byStage().ended();
    return String.format(
        "%s [%s] %d/%d   %s",
        label, bar(ended, w.devices()), ended, w.devices(), stages(w.byStage()));
  }

  /**
   * What is not obvious from the counts: a pause, a halt, a wave awaiting approval, a rejection.
   */
  private static String detail(RolloutDetail r) {
    if (!r.rejectionReasons().isEmpty()) {
      return String.join("; ", r.rejectionReasons());
    }
    return r.statusDetail() == null ? stages(r.byStage()) : r.statusDetail();
  }

  static String bar(int ended, int of) {
    int filled = of == 0 ? BAR : Math.min(BAR, ended * BAR / of);
    return "#".repeat(filled) + "-".repeat(BAR - filled);
  }

  /** {@code done 3, migrate 1, pending 4}: the stages devices stand at, those with any. */
  static String stages(StageCounts counts) {
    return counts.counts().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Stages.name(e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
