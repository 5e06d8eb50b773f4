package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SseFramesTest {

  @Test
  void anEventFrameCarriesItsIdItsTypeAsEventAndItsJsonAsData() {
    String frame = SseFrames.event(TestEvents.event(3, 1207, "r-1"));

    assertThat(frame)
        .isEqualTo(
            "id: v2.0.0.0.xk\n"
                + "event: StepDispatched\n"
                + "data: {\"rolloutId\":\"r-1\",\"at\":\"3-1207\"}\n"
                + "\n");
  }

  @Test
  void multiLineDataBecomesOneDataLinePerLineSoItCannotEndTheFrameEarly() {
    assertThat(SseFrames.event("1-2", "X", "first\n\nthird\r\nfourth"))
        .isEqualTo("id: 1-2\nevent: X\ndata: first\ndata: \ndata: third\ndata: fourth\n\n");
  }

  @Test
  void anIdOrEventNameWithALineBreakIsRefused() {
    assertThatThrownBy(() -> SseFrames.event("1-2\ndata: forged", "X", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> SseFrames.event("1-2", "X\r", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event");
  }

  @Test
  void aCommentStartsWithAColonSoClientsIgnoreIt() {
    assertThat(SseFrames.comment("heartbeat")).isEqualTo(": heartbeat\n\n");
  }

  @Test
  void retryTellsTheBrowserHowLongToWaitBeforeReconnecting() {
    assertThat(SseFrames.retry(3000)).isEqualTo("retry: 3000\n\n");
  }

  @Test
  void aRolloutEventIsSentWithItsLogicalTypeAndTheCodecsJson() {
    MessageCodec codec = new MessageCodec();
    RolloutFinished finished =
        new RolloutFinished(
            MessageId.random(),
            RolloutId.of("r-9"),
            4,
            MessageId.random(),
            Instant.parse("2026-01-02T03:04:05Z"),
            new RolloutCounts(2, 0, 1, 0, 0));

    FeedEvent event = FeedEvent.of(5, 42, StreamPosition.parse("v2.7.0.3"), finished, codec);

    assertThat(event.position()).isEqualTo(new EventPosition(5, 42));
    assertThat(event.id()).isEqualTo("v2.7.0.3.0.0.17");
    assertThat(event.rolloutId()).isEqualTo(RolloutId.of("r-9"));
    assertThat(event.type()).isEqualTo("RolloutFinished");
    assertThat(codec.decode(event.json(), RolloutFinished.class)).isEqualTo(finished);
    assertThat(SseFrames.event(event))
        .startsWith(
            "id: v2.7.0.3.0.0.17\nevent: RolloutFinished\ndata: {\"type\":\"RolloutFinished\"")
        .endsWith("}\n\n");
  }
}
