package dev.flotilla.contracts.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flotilla.contracts.Check;

/**
 * One reason a device is not safe to migrate now.
 *
 * @param code a stable machine name such as {@code vehicle-moving} or {@code schema-drift}
 * @param transientReason true when waiting may cure it (the device is driving), false when it will
 *     not (the database is corrupt)
 */
public record SafetyReason(
    String code, String message, @JsonProperty("transient") boolean transientReason) {
  public SafetyReason {
    Check.notBlank(code, "code");
    Check.notBlank(message, "message");
  }

  public static SafetyReason transientReason(String code, String message) {
    return new SafetyReason(code, message, true);
  }

  public static SafetyReason permanent(String code, String message) {
    return new SafetyReason(code, message, false);
  }
}
