package dev.flotilla.bench;

import java.util.Optional;

/**
 * Reads a Server-Sent Events stream line by line, as the HTML "event stream" format has a browser
 * do it: {@code field: value} lines (one optional space after the colon), comments starting with
 * {@code :}, several {@code data} lines joined by line feeds, a blank line ending the frame. A
 * frame without data is no event (e.g. the {@code retry} frame). The id persists from frame to
 * frame until a new one comes, as a browser's last event id does. Pure, not thread-safe.
 */
final class SseLineParser {
  /**
   * One event as a client received it.
   *
   * @param receivedAtNanos {@link System#nanoTime()} when its first line arrived
   */
  record Frame(String id, String event, String data, long receivedAtNanos) {}

  private String lastId = "";
  private String event = "";
  private StringBuilder data;
  private long startedAtNanos;
  private boolean started;

  /**
   * Takes one line (without its line break) received at {@code receivedAtNanos}; returns the frame
   * a blank line completes.
   */
  Optional<Frame> line(String line, long receivedAtNanos) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (!started) {
      started = true;
      startedAtNanos = receivedAtNanos;
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "id" -> {
        // The format ignores an id with a NUL in it.
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
      }
      case "event" -> event = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> {
        // retry, and fields the format does not know: nothing to keep here.
      }
    }
    return Optional.empty();
  }

  private Optional<Frame> dispatch() {
    Optional<Frame> frame =
        data == null
            ? Optional.empty()
            : Optional.of(
                new Frame(
                    lastId, event.isEmpty() ? "message" : event, data.toString(), startedAtNanos));
    event = "";
    data = null;
    started = false;
    return frame;
  }
}
