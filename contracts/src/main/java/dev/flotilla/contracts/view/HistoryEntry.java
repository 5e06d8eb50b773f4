package dev.flotilla.contracts.view;

import dev.flotilla.contracts.catalogue.VersionId;
import java.time.Instant;

/**
 * One step in the life of a device, across rollouts.
 *
 * @param event the logical type of the event ({@code StepDispatched}, {@code DeviceFinished}, …)
 * @param step the saga step concerned (its wire name, e.g. {@code safety-check}); null for a
 *     deferral or the device's end
 * @param result {@code dispatched}, {@code succeeded}, {@code failed}, {@code timed-out}, {@code
 *     deferred}, or the outcome of a finished device ({@code DONE}, {@code ROLLED_BACK}, …)
 * @param version the device's schema version after this, when the event says; else null
 */
public record HistoryEntry(
    String rolloutId,
    long sequence,
    Instant occurredAt,
    String event,
    String step,
    String result,
    VersionId version,
    String summary) {}
