package dev.flotilla.notifier;

/**
 * The id of the last event a client saw, as it sends it back to resume: a {@link StreamPosition}
 * ({@code v2.…}, what the notifier writes now) or an {@link EventPosition} ({@code
 * <partition>-<offset>}, what it wrote before, still understood).
 */
public sealed interface LastEventId permits EventPosition, StreamPosition {

  /**
   * Reads either form.
   *
   * @throws IllegalArgumentException saying what an id looks like
   */
  static LastEventId parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.startsWith(StreamPosition.PREFIX)) {
      return StreamPosition.parse(value);
    }
    try {
      return EventPosition.parse(value);
    } catch (IllegalArgumentException e) {
      String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
      throw new IllegalArgumentException(
          "'"
              + shown
              + "' is not an event id: give back the id of an event the stream sent"
              + " (e.g. v2.0.1a.3f), or the older <partition>-<offset> (e.g. 3-1207)");
    }
  }
}
