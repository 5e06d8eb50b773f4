package dev.flotilla.notifier;

/**
 * The text of Server-Sent Events frames (the HTML "event stream" format). Pure: no I/O.
 *
 * <p>A line break inside a field would end the field early and let data forge a frame, so ids and
 * event names must be single lines, and data is split into one {@code data:} line per line.
 */
public final class SseFrames {
  private SseFrames() {}

  public static String event(FeedEvent event) {
    return event(event.id(), event.type(), event.json());
  }

  public static String event(String id, String type, String data) {
    StringBuilder frame = new StringBuilder(data.length() + 64);
    frame.append("id: ").append(singleLine(id, "id")).append('\n');
    frame.append("event: ").append(singleLine(type, "event")).append('\n');
    // One data: line per line of data, split at \r\n, \r or \n; no regex, this runs per event.
    int start = 0;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '\r' || c == '\n') {
        frame.append("data: ").append(data, start, i).append('\n');
        if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    frame.append("data: ").append(data, start, data.length()).append('\n');
    return frame.append('\n').toString();
  }

  /** A comment line: clients ignore it, proxies see traffic and keep the stream open. */
  public static String comment(String text) {
    return ": " + singleLine(text, "comment") + "\n\n";
  }

  /** How long a browser's EventSource waits before it reconnects. */
  public static String retry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retry must not be negative: " + millis);
    }
    return "retry: " + millis + "\n\n";
  }

  private static String singleLine(String value, String field) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an SSE " + field + " must be one line: " + value);
    }
    return value;
  }
}
