package dev.flotilla.notifier;

import static dev.flotilla.notifier.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.id.RolloutId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamQueryTest {

  @Test
  void noParametersMeansEveryRolloutFromTheStartOfTheHistory() {
    StreamQuery query = StreamQuery.parse(List.of(), null, List.of());

    assertThat(query).isEqualTo(StreamQuery.EVERYTHING);
    assertThat(query.test(event(0, 1, "r-anything"))).isTrue();
  }

  @Test
  void aRolloutParameterKeepsOnlyThatRollout() {
    StreamQuery query = StreamQuery.parse(List.of("r-a"), null, List.of());

    assertThat(query.rollout()).contains(RolloutId.of("r-a"));
    assertThat(query.test(event(0, 1, "r-a"))).isTrue();
    assertThat(query.test(event(0, 2, "r-b"))).isFalse();
  }

  @Test
  void theLastEventIdHeaderWinsOverTheQueryParameterBecauseTheBrowserKeepsItFresh() {
    assertThat(StreamQuery.parse(List.of(), "2-40", List.of("2-10")).lastEventId())
        .contains(new EventPosition(2, 40));
    assertThat(StreamQuery.parse(List.of(), null, List.of("2-10")).lastEventId())
        .contains(new EventPosition(2, 10));
    assertThat(StreamQuery.parse(List.of(), " ", List.of("2-10")).lastEventId())
        .contains(new EventPosition(2, 10));
  }

  @Test
  void anInvalidRolloutIdIsRefusedWithTheReason() {
    assertThatThrownBy(() -> StreamQuery.parse(List.of("no spaces!"), null, List.of()))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("rollout")
        .hasMessageContaining("'no spaces!' is not a rollout id");
  }

  @Test
  void anInvalidLastEventIdIsRefusedNamingWhereItCameFrom() {
    assertThatThrownBy(() -> StreamQuery.parse(List.of(), "yesterday", List.of()))
        .isInstanceOf(BadQueryException.class)
        .hasMessageStartingWith("Last-Event-ID header: ")
        .hasMessageContaining("<partition>-<offset>");
    assertThatThrownBy(() -> StreamQuery.parse(List.of(), null, List.of("7")))
        .isInstanceOf(BadQueryException.class)
        .hasMessageStartingWith("lastEventId: ");
  }

  @Test
  void aRepeatedOrEmptyParameterIsRefused() {
    assertThatThrownBy(() -> StreamQuery.parse(List.of("r-a", "r-b"), null, List.of()))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("at most once");
    assertThatThrownBy(() -> StreamQuery.parse(List.of(""), null, List.of()))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void aMissingOptionalIsReadAsEmpty() {
    assertThat(new StreamQuery(null, null)).isEqualTo(StreamQuery.EVERYTHING);
    assertThat(StreamQuery.EVERYTHING.rollout()).isEqualTo(Optional.empty());
  }
}
