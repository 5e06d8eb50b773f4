package dev.flotilla.bench.fanout;

/**
 * Finds the {@code id:} lines of one Server-Sent Events stream in the raw bytes of its HTTP/1.1
 * response, however the reads split them, without copying the rest: status line, headers, chunk
 * sizes and {@code data:} lines are skipped a byte at a time. An SSE frame never holds a bare line
 * break inside a field and chunk-size lines are hex digits, so a line that starts with {@code id: }
 * is an event's id. Pure; one per connection; not thread-safe.
 */
final class SseIdLines {
  /** Takes each id as it completes; {@code id[0..length)} is valid during the call only. */
  interface Listener {
    void id(byte[] id, int length);
  }

  private static final byte[] PREFIX = {'i', 'd', ':', ' '};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y', ':'};

  private byte[] id = new byte[128];
  private int idLength;

  /** How many bytes of the current line matched {@link #PREFIX}; -1 once it cannot match. */
  private int matched;

  private int retryMatched;
  private boolean inId;
  private boolean streamOpened;

  /** Scans {@code bytes[from..to)}. */
  void scan(byte[] bytes, int from, int to, Listener listener) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (inId) {
          int length = idLength > 0 && id[idLength - 1] == '\r' ? idLength - 1 : idLength;
          listener.id(id, length);
        }
        inId = false;
        idLength = 0;
        matched = 0;
        retryMatched = 0;
        continue;
      }
      if (inId) {
        if (idLength == id.length) {
          id = java.util.Arrays.copyOf(id, id.length * 2);
        }
        id[idLength++] = b;
        continue;
      }
      if (retryMatched >= 0 && retryMatched < RETRY.length) {
        retryMatched = RETRY[retryMatched] == b ? retryMatched + 1 : -1;
        if (retryMatched == RETRY.length) {
          streamOpened = true;
        }
      }
      if (matched >= 0) {
        if (PREFIX[matched] == b) {
          matched++;
          if (matched == PREFIX.length) {
            inId = true;
          }
        } else {
          matched = -1;
        }
      }
    }
  }

  /**
   * True once the notifier wrote the stream's first frame ({@code retry:}), so it is subscribed.
   */
  boolean streamOpened() {
    return streamOpened;
  }
}
