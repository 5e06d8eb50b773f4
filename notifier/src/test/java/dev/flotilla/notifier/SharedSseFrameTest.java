package dev.flotilla.notifier;

import static dev.flotilla.notifier.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedSseFrameTest {
  private final SharedSseFrame shared = new SharedSseFrame();

  @Test
  void anEventIsEncodedOnceForEveryClientThatGetsIt() {
    FeedEvent event = event(0, 1, "r-a");

    assertThat(shared.of(event)).isSameAs(shared.of(event));
    assertThat(shared.of(event).toString()).isEqualTo(SseFrames.event(event));
    assertThat(shared.of(event(0, 2, "r-a")).toString())
        .isEqualTo(SseFrames.event(event(0, 2, "r-a")));
  }

  @Test
  void aBatchIsTheFramesOfItsEventsInOrderEncodedOnce() {
    List<FeedEvent> batch = List.of(event(0, 1, "r-a"), event(1, 0, "r-b"));

    assertThat(shared.of(batch)).isSameAs(shared.of(batch));
    assertThat(shared.of(batch).toString())
        .isEqualTo(SseFrames.event(batch.get(0)) + SseFrames.event(batch.get(1)));
  }
}
