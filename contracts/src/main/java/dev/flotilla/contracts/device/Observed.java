package dev.flotilla.contracts.device;

import java.time.Instant;

/**
 * One report of a fact about a device, with when it was observed and whether it came from the
 * legacy {@code flotilla.devices}. Decides which report of a fact stands: a report from the topic
 * with one writer always outranks a legacy one, and among reports of one source the one observed
 * last wins, whatever order they arrived in, so a late or stale report cannot replace a fresher
 * one. Ties go to the one that arrived last, which on a topic partition is the one written last.
 */
record Observed<T>(T report, Instant observedAt, boolean legacy) {
  /** The report that stands once {@code arriving} is known too. */
  Observed<T> or(Observed<T> arriving) {
    if (legacy != arriving.legacy) {
      return legacy ? arriving : this;
    }
    return arriving.observedAt.isBefore(observedAt) ? this : arriving;
  }
}
