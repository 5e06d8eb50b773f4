package dev.flotilla.notifier;

import static dev.flotilla.notifier.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventHubTest {
  private final EventHub hub = new EventHub(new EventHistory(100));

  private static List<String> ids(List<FeedEvent> events) {
    return events.stream().map(e -> e.position().toString()).toList();
  }

  @Test
  void aSubscriberGetsTheHistoryThenLiveEventsWithoutGapOrDuplicate() {
    hub.publish(event(0, 0, "r-a"));
    hub.publish(event(1, 0, "r-b"));
    List<FeedEvent> received = new ArrayList<>();

    hub.subscribe(StreamQuery.EVERYTHING, received::add);
    hub.publish(event(0, 1, "r-a"));

    assertThat(ids(received)).containsExactly("0-0", "1-0", "0-1");
  }

  @Test
  void eventsReadTogetherReachABatchListenerInOneCallAndAFilteredOneEventByEvent() {
    List<List<FeedEvent>> batches = new ArrayList<>();
    List<FeedEvent> single = new ArrayList<>();
    hub.subscribe(
        StreamQuery.EVERYTHING,
        Optional.empty(),
        new EventHub.BatchListener() {
          @Override
          public void accept(FeedEvent event) {
            single.add(event);
          }

          @Override
          public void acceptAll(List<FeedEvent> events) {
            batches.add(events);
          }
        });
    List<FeedEvent> ofRolloutB = new ArrayList<>();
    hub.subscribe(StreamQuery.parse(List.of("r-b"), null, List.of()), ofRolloutB::add);

    hub.publishAll(List.of(event(0, 0, "r-a"), event(1, 0, "r-b"), event(0, 1, "r-a")));

    assertThat(single).isEmpty();
    assertThat(batches).hasSize(1);
    assertThat(ids(batches.get(0))).containsExactly("0-0", "1-0", "0-1");
    assertThat(ids(ofRolloutB)).containsExactly("1-0");
    assertThat(hub.eventsSeen()).isEqualTo(3);
    assertThat(hub.held()).isEqualTo(3);
  }

  @Test
  void aReconnectingSubscriberGetsOnlyWhatCameAfterItsLastEventId() {
    hub.publish(event(0, 0, "r-a"));
    hub.publish(event(1, 0, "r-b"));
    hub.publish(event(0, 1, "r-a"));
    List<FeedEvent> received = new ArrayList<>();

    hub.subscribe(
        new StreamQuery(Optional.empty(), Optional.of(new EventPosition(1, 0))), received::add);

    assertThat(ids(received)).containsExactly("0-1");
  }

  @Test
  void aRolloutSubscriberGetsOnlyItsRolloutsEvents() {
    hub.publish(event(0, 0, "r-a"));
    hub.publish(event(1, 0, "r-b"));
    List<FeedEvent> received = new ArrayList<>();

    hub.subscribe(StreamQuery.parse(List.of("r-b"), null, List.of()), received::add);
    hub.publish(event(0, 1, "r-a"));
    hub.publish(event(1, 1, "r-b"));

    assertThat(ids(received)).containsExactly("1-0", "1-1");
  }

  @Test
  void aCancelledSubscriptionGetsNothingMoreAndIsNoLongerCounted() {
    List<FeedEvent> received = new ArrayList<>();
    EventHub.Subscription subscription = hub.subscribe(StreamQuery.EVERYTHING, received::add);
    hub.subscribe(StreamQuery.EVERYTHING, e -> {});
    assertThat(hub.subscribers()).isEqualTo(2);

    subscription.cancel();
    hub.publish(event(0, 0, "r-a"));

    assertThat(received).isEmpty();
    assertThat(hub.subscribers()).isEqualTo(1);
  }

  @Test
  void aSubscriberMayCancelItselfWhileAnEventIsHandedOut() {
    List<FeedEvent> received = new ArrayList<>();
    EventHub.Subscription[] self = new EventHub.Subscription[1];
    self[0] =
        hub.subscribe(
            StreamQuery.EVERYTHING,
            e -> {
              received.add(e);
              self[0].cancel();
            });

    hub.publish(event(0, 0, "r-a"));
    hub.publish(event(0, 1, "r-a"));

    assertThat(ids(received)).containsExactly("0-0");
  }

  @Test
  void everyPublishedEventIsCountedEvenWhenTheHistoryForgetsIt() {
    EventHub small = new EventHub(new EventHistory(2));
    for (long offset = 0; offset < 5; offset++) {
      small.publish(event(0, offset, "r-a"));
    }

    assertThat(small.eventsSeen()).isEqualTo(5);
    assertThat(small.held()).isEqualTo(2);
  }
}
