package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One client's resume logic, with a hand-made connection and catch-up source. */
class StreamClientTest {

  /** A connection whose write queue holds {@code room} events until drained. */
  private static final class FakeConnection implements ClientOutbox.Sink {
    final List<String> ids = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final int room;
    int queued;
    String dropped;

    FakeConnection(int room) {
      this.room = room;
    }

    @Override
    public boolean writeQueueFull() {
      return queued >= room;
    }

    @Override
    public void send(String id, FeedEvent event) {
      ids.add(id);
      events.add(event.position().toString());
      queued++;
    }

    @Override
    public void heartbeat() {}

    @Override
    public void drop(String reason) {
      dropped = reason;
    }
  }

  /** Remembers the catch-ups asked for; the test plays the reader. */
  private static final class FakeCatchUps implements CatchUps {
    final List<HistoryGap> gaps = new ArrayList<>();
    final List<StreamPosition> froms = new ArrayList<>();
    boolean cancelled;

    @Override
    public CatchUp start(HistoryGap gap, StreamPosition seen, Receiver receiver) {
      gaps.add(gap);
      froms.add(seen);
      return () -> cancelled = true;
    }
  }

  private final EventHub hub = new EventHub(new EventHistory(3));
  private final TestEvents.Feed feed = new TestEvents.Feed();
  private final FakeCatchUps catchUps = new FakeCatchUps();
  private final List<FeedEvent> topic = new ArrayList<>();

  private void publish(int partition, long offset) {
    FeedEvent event = feed.next(partition, offset, "r-a");
    topic.add(event);
    hub.publish(event);
  }

  private StreamClient client(FakeConnection connection, String lastEventId, int maxBacklog) {
    StreamQuery query =
        new StreamQuery(Optional.empty(), Optional.of(LastEventId.parse(lastEventId)));
    return new StreamClient(query, connection, maxBacklog, hub, catchUps, () -> {});
  }

  @Test
  void aClientTheHistoryStillCoversIsServedFromItWithoutReadingKafka() {
    publish(0, 0);
    publish(1, 0);
    publish(0, 1);
    FakeConnection connection = new FakeConnection(100);

    client(connection, "v2.1", 10).start();

    assertThat(catchUps.gaps).isEmpty();
    assertThat(connection.events).containsExactly("1-0", "0-1");
  }

  @Test
  void aClientBehindTheHistoryIsCaughtUpAtTheConnectionsPaceThenReplayedThenLive() {
    for (long offset = 0; offset < 8; offset++) {
      publish(0, offset); // the history holds 0-5, 0-6, 0-7
    }
    FakeConnection connection = new FakeConnection(2);
    StreamClient client = client(connection, "v2.1", 3);

    client.start();
    assertThat(catchUps.gaps).containsExactly(new HistoryGap(Map.of(0, 1L), Map.of(0, 5L)));
    assertThat(client.catchingUp()).isTrue();
    Future<Void> taken = client.take(topic.subList(1, 5)); // 0-1 .. 0-4: more than the backlog
    assertThat(taken.isComplete()).isFalse();
    while (!taken.isComplete()) {
      assertThat(connection.dropped).isNull();
      connection.queued = 0;
      client.drained();
    }
    client.reached(StreamPosition.parse("v2.5"));
    while (connection.queued >= connection.room) {
      connection.queued = 0;
      client.drained();
    }
    publish(0, 8);

    assertThat(connection.events)
        .containsExactly("0-1", "0-2", "0-3", "0-4", "0-5", "0-6", "0-7", "0-8");
    assertThat(connection.dropped).isNull();
    assertThat(client.catchingUp()).isFalse();
  }

  @Test
  void whenTheHistoryForgotMoreDuringACatchUpTheNextGapIsReadToo() {
    for (long offset = 0; offset < 5; offset++) {
      publish(0, offset); // holds 0-2 .. 0-4
    }
    FakeConnection connection = new FakeConnection(100);
    StreamClient client = client(connection, "v2.1", 10);
    client.start();
    client.take(topic.subList(1, 2));
    publish(0, 5);
    publish(0, 6); // forgets 0-2 and 0-3 meanwhile

    client.reached(StreamPosition.parse("v2.2"));

    assertThat(catchUps.gaps).hasSize(2);
    assertThat(catchUps.froms.get(1)).isEqualTo(StreamPosition.parse("v2.2"));
    assertThat(catchUps.gaps.get(1).until()).containsEntry(0, 4L);
  }

  @Test
  void aClientThatGoesAwayStopsItsCatchUpAndAFailedCatchUpDropsTheClient() {
    for (long offset = 0; offset < 5; offset++) {
      publish(0, offset);
    }
    FakeConnection leaving = new FakeConnection(100);
    StreamClient gone = client(leaving, "v2.1", 10);
    gone.start();
    gone.gone();
    assertThat(catchUps.cancelled).isTrue();
    assertThat(gone.take(topic.subList(1, 2)).failed()).isTrue();

    FakeConnection failing = new FakeConnection(100);
    StreamClient client = client(failing, "v2.1", 10);
    client.start();
    client.failed(new IllegalStateException("the broker is gone"));
    assertThat(failing.dropped).contains("the broker is gone");
  }
}
