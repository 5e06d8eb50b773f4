package dev.flotilla.coordinator.projection;

import java.time.Instant;

/**
 * One event of the log, as the audit trail shows it.
 *
 * @param deviceId the device the event is about; null for rollout-wide events
 * @param eventJson the event exactly as the codec writes it
 */
public record AuditRow(
    String rolloutId,
    long sequence,
    String deviceId,
    String type,
    Instant occurredAt,
    String causationId,
    String summary,
    String eventJson) {}
