package dev.flotilla.coordinator.http;

import dev.flotilla.coordinator.projection.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a device's audit trail ended: entries are in time order across rollouts, so the
 * position is (occurredAt, rollout, sequence). Opaque to clients: they pass back the {@code next}
 * of one page as the {@code after} of the next.
 */
record AuditCursor(Instant occurredAt, String rolloutId, long sequence) {
  private static final String SEPARATOR = "~"; // never in a rollout id

  static AuditCursor after(AuditRow row) {
    return new AuditCursor(row.occurredAt(), row.rolloutId(), row.sequence());
  }

  String encode() {
    String plain = occurredAt + SEPARATOR + rolloutId + SEPARATOR + sequence;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static AuditCursor decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split(SEPARATOR, -1);
      if (parts.length == 3) {
        return new AuditCursor(Instant.parse(parts[0]), parts[1], Long.parseLong(parts[2]));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // answered below
    }
    throw Problem.badField(
            "after", "after: '" + token + "' is not the 'next' of an earlier page of this trail")
        .reject();
  }
}
