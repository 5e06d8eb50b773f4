package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPositionTest {

  @Test
  void anIdIsV2AndTheNextOffsetOfEveryPartitionInBase36() {
    StreamPosition position = StreamPosition.of(Map.of(1, 45L, 2, 135L));

    assertThat(position.id()).isEqualTo("v2.0.19.3r");
    assertThat(StreamPosition.parse("v2.0.19.3r")).isEqualTo(position);
    assertThat(position.next(0)).isZero();
    assertThat(position.next(1)).isEqualTo(45);
    assertThat(position.next(2)).isEqualTo(135);
    assertThat(position.next(7)).isZero();
  }

  @Test
  void theLargestOffsetsSurviveTheRoundTrip() {
    StreamPosition position = StreamPosition.of(Map.of(0, Long.MAX_VALUE, 5, 1L));

    assertThat(StreamPosition.parse(position.id()).next(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(StreamPosition.parse(" " + position.id() + " ")).isEqualTo(position);
  }

  @Test
  void partitionsPastTheEndOfTheListAreAtZero() {
    assertThat(StreamPosition.parse("v2.5")).isEqualTo(StreamPosition.parse("v2.5.0.0"));
    assertThat(StreamPosition.parse("v2.5").hashCode())
        .isEqualTo(StreamPosition.parse("v2.5.0.0").hashCode());
    assertThat(StreamPosition.parse("v2.5")).isNotEqualTo(StreamPosition.parse("v2.5.1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "v2",
        "v2.",
        "v2..1",
        "v2.1.",
        "v1.3",
        "3-1207",
        "v2.-1",
        "v2.A",
        "v2.1 2",
        "v2.zzzzzzzzzzzzzz",
        "v2.1y2p0ij32e8e8"
      })
  void anythingElseIsRefused(String text) {
    assertThatThrownBy(() -> StreamPosition.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIdNamingMoreThanAnyTopicsPartitionsIsRefused() {
    String huge = "v2." + "0.".repeat(StreamPosition.MAX_PARTITIONS) + "1";

    assertThatThrownBy(() -> StreamPosition.parse(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too many partitions");
  }

  @Test
  void passingAnEventMovesOnlyItsPartitionAndNeverBack() {
    StreamPosition start = StreamPosition.parse("v2.3.2");

    StreamPosition moved = start.passing(new EventPosition(3, 9));
    assertThat(moved.id()).isEqualTo("v2.3.2.0.a");
    assertThat(moved.passing(new EventPosition(0, 1))).isSameAs(moved);
    assertThat(start.id()).isEqualTo("v2.3.2");
  }

  @Test
  void anEventIsSeenWhenItsOffsetIsBeforeItsPartitionsNextOffset() {
    StreamPosition position = StreamPosition.parse("v2.3.0.2");

    assertThat(position.hasSeen(new EventPosition(0, 2))).isTrue();
    assertThat(position.hasSeen(new EventPosition(0, 3))).isFalse();
    assertThat(position.hasSeen(new EventPosition(1, 0))).isFalse();
    assertThat(position.hasSeen(new EventPosition(2, 1))).isTrue();
    assertThat(position.hasSeen(new EventPosition(9, 0))).isFalse();
  }

  @Test
  void maxTakesTheFurtherOfTheTwoInEachPartition() {
    StreamPosition a = StreamPosition.parse("v2.5.1");
    StreamPosition b = StreamPosition.parse("v2.2.4.7");

    assertThat(a.max(b).id()).isEqualTo("v2.5.4.7");
    assertThat(a.max(b).atOrPast(a)).isTrue();
    assertThat(a.max(b).atOrPast(b)).isTrue();
    assertThat(a.atOrPast(b)).isFalse();
    assertThat(b.atOrPast(a)).isFalse();
    assertThat(a.max(StreamPosition.START)).isSameAs(a);
  }

  @Test
  void theMapFormListsThePartitionsPastZero() {
    assertThat(StreamPosition.parse("v2.0.4.0.9").asMap()).isEqualTo(Map.of(1, 4L, 3, 9L));
  }

  @Test
  void aLastEventIdIsEitherFormAndAnythingElseIsExplained() {
    assertThat(LastEventId.parse("v2.1.2")).isEqualTo(StreamPosition.parse("v2.1.2"));
    assertThat(LastEventId.parse("3-1207")).isEqualTo(new EventPosition(3, 1207));
    assertThatThrownBy(() -> LastEventId.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yesterday' is not an event id")
        .hasMessageContaining("v2.")
        .hasMessageContaining("<partition>-<offset>");
    assertThatThrownBy(() -> LastEventId.parse("v2.x!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base-36");
  }
}
