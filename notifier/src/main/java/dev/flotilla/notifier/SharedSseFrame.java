package dev.flotilla.notifier;

import io.vertx.core.buffer.Buffer;

/**
 * The SSE frame of the event being handed out, encoded once into a Buffer and written as it is to
 * every client that gets the event under its own id: the hub hands one event to every client before
 * the next, so remembering the last one is enough. Vert.x writes a Buffer to a connection through a
 * slice of it, so one Buffer serves a thousand connections without a copy each. Confined to the
 * notifier's Vert.x context.
 */
final class SharedSseFrame {
  private FeedEvent event;
  private Buffer frame;

  /** The frame of {@code event} under its own id, made the first time it is asked for. */
  Buffer of(FeedEvent event) {
    if (event != this.event) {
      this.frame = Buffer.buffer(SseFrames.event(event));
      this.event = event;
    }
    return frame;
  }
}
