package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumeFloorTest {

  @Test
  void withoutAFloorEveryEventGoesUnderItsOwnId() {
    ResumeFloor floor = ResumeFloor.none();
    FeedEvent event = TestEvents.event(0, 3, "r-a");

    assertThat(floor.idFor(event)).contains(event.id());
  }

  @Test
  void eventsBeforeTheFloorAreSkippedAndLaterOnesCarryTheFloorUntilTheFeedPassesIt() {
    // The client saw partition 0 up to 2 and partition 1 up to 1; this run reads partition 1 first.
    ResumeFloor floor = ResumeFloor.at(StreamPosition.parse("v2.3.2"));
    TestEvents.Feed feed = new TestEvents.Feed();

    assertThat(floor.idFor(feed.next(1, 0, "r-a"))).isEmpty();
    assertThat(floor.idFor(feed.next(1, 1, "r-a"))).isEmpty();
    assertThat(floor.idFor(feed.next(1, 2, "r-a"))).contains("v2.3.3");
    assertThat(floor.idFor(feed.next(0, 0, "r-a"))).isEmpty();
    assertThat(floor.idFor(feed.next(0, 2, "r-a"))).isEmpty();
    FeedEvent past = feed.next(0, 3, "r-a");
    assertThat(floor.idFor(past)).contains(past.id()).contains("v2.4.3");
    FeedEvent later = feed.next(1, 3, "r-a");
    assertThat(floor.idFor(later)).isEqualTo(Optional.of(later.id()));
  }
}
