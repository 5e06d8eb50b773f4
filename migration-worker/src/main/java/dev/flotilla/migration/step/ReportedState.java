package dev.flotilla.migration.step;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a device last said about its own state, at the moment it is judged.
 *
 * @param report the device's latest report of its state, if it ever made one
 * @param judgedAt now, on the worker's clock
 * @param maxAge how long ago the report may have been observed and still count
 * @param required whether a device that never reported its conditions is not yet safe
 */
public record ReportedState(
    Optional<DeviceStateReport> report, Instant judgedAt, Duration maxAge, boolean required) {

  /** The limit a command sets, or the policy's default for a command written before it could. */
  public static Duration maxAge(Integer maxStateAgeSeconds) {
    return Duration.ofSeconds(
        maxStateAgeSeconds == null
            ? RolloutPolicy.DEFAULT.maxStateAgeSeconds()
            : maxStateAgeSeconds);
  }

  /** The reported conditions, empty when the device never reported any (groups alone say none). */
  public Optional<DeviceConditions> conditions() {
    return report.map(DeviceStateReport::conditions);
  }

  /** How long before {@link #judgedAt} the conditions were observed; zero for a future time. */
  public Duration age() {
    Duration age = Duration.between(report.orElseThrow().observedAt(), judgedAt);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /**
   * Reported conditions observed longer ago than {@link #maxAge}: what they said may have changed.
   */
  public boolean stale() {
    return conditions().isPresent() && age().compareTo(maxAge) > 0;
  }
}
