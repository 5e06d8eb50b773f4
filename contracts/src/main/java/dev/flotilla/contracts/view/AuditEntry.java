package dev.flotilla.contracts.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.contracts.Check;
import java.time.Instant;

/**
 * One event of the log, as the audit trail shows it.
 *
 * @param deviceId the device the event is about; null for rollout-wide events
 * @param type the event's logical type ({@code RolloutAccepted}, {@code StepCompleted}, …)
 * @param summary the event in one line, for people
 * @param event the event exactly as it is on {@code flotilla.events}; read it with the message
 *     codec for its record
 */
public record AuditEntry(
    String rolloutId,
    long sequence,
    String deviceId,
    String type,
    Instant occurredAt,
    String causationId,
    String summary,
    JsonNode event) {
  public AuditEntry {
    Check.required(rolloutId, "rolloutId");
    Check.required(type, "type");
  }
}
