package dev.flotilla.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators type them: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

  private Durations() {}

  /**
   * @throws UserError naming {@code option} when the text is not a duration of zero or more
   */
  static Duration parse(String text, String option) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // Falls through to the error below.
    }
    throw new UserError(
        option
            + " takes a duration such as 30m, 12h or 7d (or ISO-8601 like PT1H), not '"
            + text
            + "'");
  }
}
