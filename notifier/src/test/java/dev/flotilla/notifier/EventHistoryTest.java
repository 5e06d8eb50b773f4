package dev.flotilla.notifier;

import static dev.flotilla.notifier.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EventHistoryTest {
  private static final Predicate<FeedEvent> ALL = e -> true;

  private static List<String> ids(List<FeedEvent> events) {
    return events.stream().map(e -> e.position().toString()).toList();
  }

  private static Optional<EventPosition> seen(String id) {
    return Optional.of(EventPosition.parse(id));
  }

  @Test
  void withoutALastEventIdEveryHeldEventIsReplayedInArrivalOrder() {
    EventHistory history = new EventHistory(10);
    history.append(event(1, 0, "r-a"));
    history.append(event(0, 0, "r-b"));
    history.append(event(1, 1, "r-a"));

    assertThat(ids(history.after(Optional.empty(), ALL))).containsExactly("1-0", "0-0", "1-1");
  }

  @Test
  void theHistoryKeepsOnlyTheMostRecentEventsUpToItsCapacity() {
    EventHistory history = new EventHistory(3);
    for (long offset = 0; offset < 5; offset++) {
      history.append(event(0, offset, "r-a"));
    }

    assertThat(history.size()).isEqualTo(3);
    assertThat(ids(history.after(Optional.empty(), ALL))).containsExactly("0-2", "0-3", "0-4");
  }

  @Test
  void aHeldLastEventIdReplaysOnlyTheEventsThatArrivedAfterIt() {
    EventHistory history = new EventHistory(10);
    history.append(event(1, 0, "r-a"));
    history.append(event(0, 0, "r-b"));
    history.append(event(1, 1, "r-a"));
    history.append(event(0, 1, "r-b"));

    assertThat(ids(history.after(seen("0-0"), ALL))).containsExactly("1-1", "0-1");
    assertThat(ids(history.after(seen("0-1"), ALL))).isEmpty();
  }

  @Test
  void aLastEventIdThatFellOutOfTheHistoryReplaysAllButWhatItsPartitionProvesSeen() {
    EventHistory history = new EventHistory(3);
    history.append(event(0, 5, "r-a"));
    history.append(event(1, 7, "r-b"));
    history.append(event(0, 6, "r-a"));
    history.append(event(1, 8, "r-b"));
    history.append(event(0, 7, "r-a")); // holds 0-6, 1-8, 0-7

    assertThat(ids(history.after(seen("0-5"), ALL))).containsExactly("0-6", "1-8", "0-7");
    assertThat(ids(history.after(seen("1-7"), ALL))).containsExactly("0-6", "1-8", "0-7");
  }

  @Test
  void aLastEventIdFromAnotherRunNeverReplaysOffsetsOfItsPartitionAtOrBeforeIt() {
    EventHistory history = new EventHistory(10);
    history.append(event(0, 3, "r-a"));
    history.append(event(0, 4, "r-a"));
    history.append(event(2, 1, "r-b"));
    history.append(event(0, 9, "r-a"));

    // 0-6 was never held here (say the notifier restarted and its replay order differs).
    assertThat(ids(history.after(seen("0-6"), ALL))).containsExactly("2-1", "0-9");
  }

  @Test
  void theFilterChoosesWhichMissedEventsAreReplayed() {
    EventHistory history = new EventHistory(10);
    history.append(event(1, 0, "r-a"));
    history.append(event(0, 0, "r-b"));
    history.append(event(1, 1, "r-a"));
    history.append(event(0, 1, "r-b"));

    Predicate<FeedEvent> onlyA = e -> e.rolloutId().value().equals("r-a");
    assertThat(ids(history.after(Optional.empty(), onlyA))).containsExactly("1-0", "1-1");
    assertThat(ids(history.after(seen("1-0"), onlyA))).containsExactly("1-1");
  }

  @Test
  void aHistoryHoldsAtLeastOneEvent() {
    assertThatThrownBy(() -> new EventHistory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void aPositionReplaysEveryHeldEventOfEachPartitionFromItsOffsetOnWhateverTheOrder() {
    EventHistory history = new EventHistory(10);
    TestEvents.Feed feed = new TestEvents.Feed();
    history.append(feed.next(1, 0, "r-a"));
    history.append(feed.next(0, 0, "r-b"));
    history.append(feed.next(1, 1, "r-a"));
    history.append(feed.next(0, 1, "r-b"));

    // Seen in another run: partition 0 up to 0, partition 1 up to 1.
    StreamPosition seen = StreamPosition.parse("v2.1.2");
    assertThat(ids(history.notSeen(seen, ALL))).containsExactly("0-1");
    assertThat(ids(history.notSeen(StreamPosition.START, ALL)))
        .containsExactly("1-0", "0-0", "1-1", "0-1");
    Predicate<FeedEvent> onlyA = e -> e.rolloutId().value().equals("r-a");
    assertThat(ids(history.notSeen(StreamPosition.parse("v2.0.1"), onlyA))).containsExactly("1-1");
  }

  @Test
  void thereIsNoGapWhileTheHistoryHasForgottenNothing() {
    EventHistory history = new EventHistory(10);
    history.append(event(0, 5, "r-a"));

    assertThat(history.gap(StreamPosition.START)).isEmpty();
    assertThat(history.gap(StreamPosition.parse("v2.3"))).isEmpty();
  }

  @Test
  void theGapIsWhatAPositionMissedOfTheForgottenEventsPartitionByPartition() {
    EventHistory history = new EventHistory(2);
    TestEvents.Feed feed = new TestEvents.Feed();
    history.append(feed.next(0, 5, "r-a"));
    history.append(feed.next(1, 7, "r-b"));
    history.append(feed.next(0, 6, "r-a"));
    history.append(feed.next(1, 8, "r-b")); // forgot 0-5 and 1-7: holds 0-6, 1-8

    assertThat(history.gap(StreamPosition.START))
        .contains(new HistoryGap(Map.of(0, 0L, 1, 0L), Map.of(0, 6L, 1, 8L)));
    assertThat(history.gap(StreamPosition.parse("v2.6.3")))
        .contains(new HistoryGap(Map.of(1, 3L), Map.of(1, 8L)));
    assertThat(history.gap(StreamPosition.parse("v2.6.8"))).isEmpty();
    assertThat(history.gap(StreamPosition.parse("v2.9.9"))).isEmpty();
  }

  @Test
  void aGapNeedsSomethingMissingInEachOfItsPartitions() {
    assertThatThrownBy(() -> new HistoryGap(Map.of(0, 5L), Map.of(0, 5L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HistoryGap(Map.of(0, 1L), Map.of(1, 5L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
