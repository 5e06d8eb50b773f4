package dev.flotilla.notifier;

import io.vertx.core.Future;
import java.util.List;

/**
 * Reads what a resuming client missed and the history no longer holds, off the event loop, as fast
 * as the client takes it.
 */
public interface CatchUps {

  /** The client being caught up; called on the notifier's Vert.x context. */
  interface Receiver {
    /**
     * Takes some of the missed events, in order, each with the id to send it under; the future
     * completes once they are written to the client (the reader waits for it before going on).
     */
    Future<Void> take(List<FeedEvent> events);

    /** The gap is read: the client has now seen everything before {@code position}. */
    void reached(StreamPosition position);

    /** The gap could not be read, or the client stopped taking events. */
    void failed(Throwable cause);
  }

  /** A catch-up under way. */
  interface CatchUp {
    /** The client went away: stop reading, call the receiver no more. */
    void cancel();
  }

  /**
   * Starts reading {@code gap} for a client that has seen everything before {@code seen}. The
   * events' ids are {@code seen} moved past each of them. The receiver is never called before this
   * returns.
   */
  CatchUp start(HistoryGap gap, StreamPosition seen, Receiver receiver);
}
