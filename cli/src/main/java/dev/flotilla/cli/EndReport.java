package dev.flotilla.cli;

import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.view.Outcomes;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@code flotilla watch} says once it stops following a rollout: how its devices ended, and
 * each one that did not end DONE, with why and the backup that holds its data. Pure.
 */
final class EndReport {
  private static final int MAX_REASON = 200;

  private EndReport() {}

  /**
   * @param devices the rollout's devices; only those that ended other than DONE are listed
   */
  static String text(RolloutDetail r, List<RolloutDevice> devices, long elapsedNanos) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder();
    if (RolloutStatus.REJECTED.name().equals(r.status())) {
      text.append("Rollout ")
          .append(r.rolloutId())
          .append(" was REJECTED; no device was touched:")
          .append(nl);
      r.rejectionReasons().forEach(reason -> text.append("  - ").append(reason).append(nl));
      return text.toString();
    }
    text.append(headline(r, elapsedNanos)).append(nl);
    Outcomes o = r.outcomes();
    text.append(String.format("  at target version, verified   %5d%n", o.done()));
    text.append(String.format("  rolled back, data intact      %5d%n", o.rolledBack()));
    text.append(String.format("  skipped (not safe), untouched %5d%n", o.skipped()));
    text.append(String.format("  failed before any change      %5d%n", o.failed()));
    text.append(String.format("  needs attention               %5d%n", o.needsAttention()));
    if (r.finishedAt() == null) {
      text.append(String.format("  not ended yet                 %5d%n", r.devices() - o.ended()));
    }
    text.append("  of ").append(r.devices()).append(" devices").append(nl);
    for (RolloutDevice d : devices) {
      if (d.stage().finished() && d.stage() != DeviceStage.DONE) {
        text.append(
                String.format(
                    "  %-12s %-16s %s%s",
                    d.deviceId(),
                    d.stage(),
                    oneLine(String.join("; ", d.reasons())),
                    d.backupId() == null ? "" : "  (backup " + d.backupId() + ")"))
            .append(nl);
      }
    }
    return text.toString();
  }

  /**
   * {@code Rollout r-1 ended in 29.8s}, the rollout's own time from its acceptance to its end; one
   * still running says how long it was watched, and where it stands.
   */
  private static String headline(RolloutDetail r, long watchedNanos) {
    String detail = r.statusDetail() == null ? "" : " (" + r.statusDetail() + ")";
    if (r.finishedAt() == null) {
      return String.format(
          Locale.ROOT,
          "Rollout %s still running after %.1fs of watching: %s%s",
          r.rolloutId(),
          watchedNanos / 1e9,
          r.status(),
          detail);
    }
    Instant start = r.acceptedAt() == null ? r.openedAt() : r.acceptedAt();
    return String.format(
        Locale.ROOT,
        "Rollout %s ended in %.1fs%s",
        r.rolloutId(),
        Duration.between(start, r.finishedAt()).toMillis() / 1000.0,
        RolloutStatus.FINISHED.name().equals(r.status()) ? "" : ": " + r.status() + detail);
  }

  /** SQLite's check reports span lines; a summary row must not. */
  static String oneLine(String text) {
    String flat = text.replaceAll("\\s*\\R\\s*", "; ");
    return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 3) + "...";
  }
}
