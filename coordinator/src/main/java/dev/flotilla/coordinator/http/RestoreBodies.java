package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RestoreRequest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The body of {@code POST /devices/{deviceId}/restore} as a {@link RestoreRequest}: the device is
 * the path's, every field of the body may be left out (no {@code backupId}: the newest intact
 * backup), and a body without a {@code rolloutId} gets one that says what it is and when. Read by
 * the codec, as strictly as a request on the topic: a misspelt field is a 400 naming it.
 */
final class RestoreBodies {
  private static final Set<String> FIELDS =
      Set.of("backupId", "requestedBy", "rolloutId", "policy");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private RestoreBodies() {}

  static RestoreRequest read(DeviceId device, JsonObject body, MessageCodec codec, Instant now) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw Problem.badField(
                field,
                field
                    + ": is not a field of a restore"
                    + (field.equals("deviceId") ? " (the device is the one in the path)" : "")
                    + "; known fields: "
                    + FIELDS)
            .reject();
      }
    }
    JsonObject request = body.copy();
    request.put("type", MessageTypes.of(RestoreRequest.class).name());
    request.put("schema", MessageTypes.of(RestoreRequest.class).schema());
    request.put("deviceId", device.value());
    if (request.getValue("rolloutId") == null) {
      request.put("rolloutId", rolloutIdFor(device, now).value());
    }
    try {
      return codec.decode(request.toBuffer().getBytes(), RestoreRequest.class);
    } catch (InvalidMessageException e) {
      throw Problem.badField(e.field().isEmpty() ? null : e.field(), e.getMessage()).reject();
    }
  }

  /** {@code restore-<device>-<UTC time>-<4 hex digits>}, or a UUID's when the device's is long. */
  static RolloutId rolloutIdFor(DeviceId device, Instant now) {
    String id =
        "restore-"
            + device
            + "-"
            + STAMP.format(now)
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    return id.length() <= 128 ? RolloutId.of(id) : RolloutId.of("restore-" + UUID.randomUUID());
  }
}
