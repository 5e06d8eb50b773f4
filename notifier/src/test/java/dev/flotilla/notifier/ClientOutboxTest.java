package dev.flotilla.notifier;

import static dev.flotilla.notifier.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOutboxTest {

  /** A connection whose write queue holds {@code room} frames until drained. */
  private static final class FakeConnection implements ClientOutbox.Sink {
    final List<String> written = new ArrayList<>();
    int room;
    int queued;
    boolean dropped;

    FakeConnection(int room) {
      this.room = room;
    }

    @Override
    public boolean writeQueueFull() {
      return queued >= room;
    }

    @Override
    public void write(String frame) {
      written.add(frame);
      queued++;
    }

    @Override
    public void drop() {
      dropped = true;
    }

    void drain() {
      queued = 0;
    }
  }

  @Test
  void eventsAreWrittenAtOnceWhileTheConnectionHasRoom() {
    FakeConnection connection = new FakeConnection(10);
    ClientOutbox outbox = new ClientOutbox(connection, 100);

    outbox.offer(event(0, 1, "r-a"));
    outbox.offer(event(0, 2, "r-a"));

    assertThat(connection.written)
        .containsExactly(SseFrames.event(event(0, 1, "r-a")), SseFrames.event(event(0, 2, "r-a")));
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void aFullConnectionQueuesEventsAndWritesThemInOrderWhenItDrains() {
    FakeConnection connection = new FakeConnection(2);
    ClientOutbox outbox = new ClientOutbox(connection, 100);
    for (long offset = 1; offset <= 5; offset++) {
      outbox.offer(event(0, offset, "r-a"));
    }
    assertThat(connection.written).hasSize(2);
    assertThat(outbox.backlog()).isEqualTo(3);

    connection.drain();
    outbox.drained();
    connection.drain();
    outbox.drained();

    assertThat(connection.written)
        .extracting(frame -> frame.substring(0, frame.indexOf('\n')))
        .containsExactly("id: 0-1", "id: 0-2", "id: 0-3", "id: 0-4", "id: 0-5");
    assertThat(outbox.backlog()).isZero();
    assertThat(connection.dropped).isFalse();
  }

  @Test
  void aClientThatFallsMoreThanTheBacklogBehindIsDroppedAndGetsNothingMore() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 3);

    for (long offset = 1; offset <= 4; offset++) {
      outbox.offer(event(0, offset, "r-a")); // 1 written, 2..4 queued
    }
    assertThat(connection.dropped).isFalse();
    outbox.offer(event(0, 5, "r-a"));

    assertThat(connection.dropped).isTrue();
    assertThat(outbox.dropped()).isTrue();
    assertThat(outbox.closed()).isTrue();
    connection.drain();
    outbox.drained();
    outbox.offer(event(0, 6, "r-a"));
    assertThat(connection.written).hasSize(1);
  }

  @Test
  void aHeartbeatIsWrittenOnlyToAnIdleConnection() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 10);

    outbox.heartbeat();
    assertThat(connection.written).containsExactly(": heartbeat\n\n");

    outbox.offer(event(0, 1, "r-a")); // queue full: stays in the backlog
    outbox.heartbeat();
    assertThat(connection.written).hasSize(1);
  }

  @Test
  void aClosedOutboxWritesNothing() {
    FakeConnection connection = new FakeConnection(10);
    ClientOutbox outbox = new ClientOutbox(connection, 10);

    outbox.close();
    outbox.offer(event(0, 1, "r-a"));
    outbox.heartbeat();

    assertThat(connection.written).isEmpty();
    assertThat(outbox.dropped()).isFalse();
  }
}
