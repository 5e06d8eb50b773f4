package dev.flotilla.notifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an event sits in {@code flotilla.events}: its partition and offset. Written {@code
 * <partition>-<offset>}, which was the event id before {@link StreamPosition}; read back from
 * {@code Last-Event-ID} with its old meaning.
 */
public record EventPosition(int partition, long offset) implements LastEventId {
  private static final Pattern SHAPE = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

  public EventPosition {
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "partition and offset must not be negative: " + partition + "-" + offset);
    }
  }

  /**
   * Reads {@code <partition>-<offset>}.
   *
   * @throws IllegalArgumentException saying what is wrong, for anything else
   */
  public static EventPosition parse(String text) {
    Matcher matcher = SHAPE.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an event id (<partition>-<offset>, e.g. 3-1207)");
    }
    return new EventPosition(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
  }

  /** True when this position is {@code other} or an earlier record of the same partition. */
  public boolean notAfter(EventPosition other) {
    return partition == other.partition && offset <= other.offset;
  }

  @Override
  public String toString() {
    return partition + "-" + offset;
  }
}
