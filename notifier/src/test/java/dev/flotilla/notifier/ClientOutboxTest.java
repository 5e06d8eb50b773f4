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
    String reason;

    FakeConnection(int room) {
      this.room = room;
    }

    @Override
    public boolean writeQueueFull() {
      return queued >= room;
    }

    @Override
    public void send(String id, FeedEvent event) {
      written.add(SseFrames.event(id, event.type(), event.json()));
      queued++;
    }

    @Override
    public void heartbeat() {
      written.add(SseFrames.comment("heartbeat"));
      queued++;
    }

    @Override
    public void drop(String reason) {
      dropped = true;
      this.reason = reason;
    }

    void drain() {
      queued = 0;
    }
  }

  @Test
  void eventsAreWrittenAtOnceWhileTheConnectionHasRoom() {
    FakeConnection connection = new FakeConnection(10);
    ClientOutbox outbox = new ClientOutbox(connection, 100);

    outbox.offer("a", event(0, 1, "r-a"));
    outbox.offer("b", event(0, 2, "r-a"));

    assertThat(connection.written)
        .containsExactly(
            SseFrames.event("a", "StepDispatched", event(0, 1, "r-a").json()),
            SseFrames.event("b", "StepDispatched", event(0, 2, "r-a").json()));
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void aBatchIsWrittenInOneGoOnlyWhenNothingIsQueuedAndTheConnectionHasRoom() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 100);
    FeedEvent first = event(0, 1, "r-a");
    FeedEvent second = event(0, 2, "r-a");

    assertThat(outbox.offerAll(List.of(first, second))).isTrue();
    assertThat(connection.written).containsExactly(SseFrames.event(first), SseFrames.event(second));

    assertThat(outbox.offerAll(List.of(event(0, 3, "r-a")))).isFalse(); // the queue is full
    assertThat(connection.written).hasSize(2);
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void aFullConnectionQueuesEventsAndWritesThemInOrderWhenItDrains() {
    FakeConnection connection = new FakeConnection(2);
    ClientOutbox outbox = new ClientOutbox(connection, 100);
    for (long offset = 1; offset <= 5; offset++) {
      outbox.offer("id-" + offset, event(0, offset, "r-a"));
    }
    assertThat(connection.written).hasSize(2);
    assertThat(outbox.backlog()).isEqualTo(3);

    connection.drain();
    outbox.drained();
    connection.drain();
    outbox.drained();

    assertThat(connection.written)
        .extracting(frame -> frame.substring(0, frame.indexOf('\n')))
        .containsExactly("id: id-1", "id: id-2", "id: id-3", "id: id-4", "id: id-5");
    assertThat(outbox.backlog()).isZero();
    assertThat(connection.dropped).isFalse();
  }

  @Test
  void aClientThatFallsMoreThanTheBacklogBehindIsDroppedAndGetsNothingMore() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 3);

    for (long offset = 1; offset <= 4; offset++) {
      outbox.offer("x", event(0, offset, "r-a")); // 1 written, 2..4 queued
    }
    assertThat(connection.dropped).isFalse();
    assertThat(outbox.hasRoom()).isFalse();
    outbox.offer("x", event(0, 5, "r-a"));

    assertThat(connection.dropped).isTrue();
    assertThat(connection.reason).contains("more than 3 events behind");
    assertThat(outbox.dropped()).isTrue();
    assertThat(outbox.closed()).isTrue();
    connection.drain();
    outbox.drained();
    outbox.offer("x", event(0, 6, "r-a"));
    assertThat(connection.written).hasSize(1);
  }

  @Test
  void aHeartbeatIsWrittenOnlyToAnIdleConnection() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 10);

    outbox.heartbeat();
    assertThat(connection.written).containsExactly(": heartbeat\n\n");

    outbox.offer("x", event(0, 1, "r-a")); // queue full: stays in the backlog
    outbox.heartbeat();
    assertThat(connection.written).hasSize(1);
  }

  @Test
  void aClosedOutboxWritesNothing() {
    FakeConnection connection = new FakeConnection(10);
    ClientOutbox outbox = new ClientOutbox(connection, 10);

    outbox.close();
    outbox.offer("x", event(0, 1, "r-a"));
    outbox.heartbeat();

    assertThat(connection.written).isEmpty();
    assertThat(outbox.dropped()).isFalse();
  }

  @Test
  void anActionWaitingForTheFlushRunsOnceEverythingOfferedIsWritten() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 10);
    List<String> ran = new ArrayList<>();

    outbox.whenFlushed(() -> ran.add("at once"));
    assertThat(ran).containsExactly("at once");

    outbox.offer("a", event(0, 1, "r-a"));
    outbox.offer("b", event(0, 2, "r-a"));
    outbox.whenFlushed(() -> ran.add("later"));
    assertThat(ran).hasSize(1);

    connection.drain();
    outbox.drained(); // b written: nothing queued, but the connection is full again
    assertThat(ran).containsExactly("at once", "later");
  }

  @Test
  void anActionWaitingForTheFlushNeverRunsForAClosedOutbox() {
    FakeConnection connection = new FakeConnection(1);
    ClientOutbox outbox = new ClientOutbox(connection, 10);
    List<String> ran = new ArrayList<>();
    outbox.offer("a", event(0, 1, "r-a"));
    outbox.offer("b", event(0, 2, "r-a"));
    outbox.whenFlushed(() -> ran.add("never"));

    outbox.close();
    connection.drain();
    outbox.drained();

    assertThat(ran).isEmpty();
  }

  @Test
  void aClientCanBeDroppedForAReasonOfItsOwn() {
    FakeConnection connection = new FakeConnection(10);
    ClientOutbox outbox = new ClientOutbox(connection, 10);

    outbox.drop("it stalled");
    outbox.drop("twice");

    assertThat(connection.reason).isEqualTo("it stalled");
    assertThat(outbox.dropped()).isTrue();
    assertThat(outbox.hasRoom()).isFalse();
  }
}
