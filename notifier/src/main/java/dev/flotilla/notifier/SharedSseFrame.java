package dev.flotilla.notifier;

import io.vertx.core.buffer.Buffer;
import java.util.List;

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
  private List<FeedEvent> batch;
  private Buffer batchFrames;

  /** The frames of {@code events} one after the other, each under its own id; made once. */
  Buffer of(List<FeedEvent> events) {
    if (events != this.batch) {
      StringBuilder frames = new StringBuilder(events.size() * 1024);
      for (FeedEvent event : events) {
        frames.append(SseFrames.event(event));
      }
      this.batchFrames = Buffer.buffer(frames.toString());
      this.batch = events;
    }
    return batchFrames;
  }

  /** The frame of {@code event} under its own id, made the first time it is asked for. */
  Buffer of(FeedEvent event) {
    if (event != this.event) {
      this.frame = Buffer.buffer(SseFrames.event(event));
      this.event = event;
    }
    return frame;
  }
}
