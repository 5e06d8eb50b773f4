package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.RolloutId;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

  @Test
  void aMessageIsTheIdTheTypeAndTheEventJsonAsItIs() {
    FeedEvent event = TestEvents.event(3, 1207, "r-1");

    String message = WebSocketFrames.event(event.id(), event);

    assertThat(message)
        .isEqualTo(
            "{\"id\":\"v2.0.0.0.xk\",\"type\":\"StepDispatched\","
                + "\"event\":{\"rolloutId\":\"r-1\",\"at\":\"3-1207\"}}");
    assertThat(new JsonObject(message).getJsonObject("event").getString("at")).isEqualTo("3-1207");
  }

  @Test
  void theIdAndTypeAreJsonStringsWhateverTheyHold() {
    FeedEvent odd =
        new FeedEvent(
            new EventPosition(0, 0),
            StreamPosition.parse("v2.1"),
            RolloutId.of("r-1"),
            "Quote\"d",
            "{}");

    JsonObject message = new JsonObject(WebSocketFrames.event("a\"b", odd));

    assertThat(message.getString("id")).isEqualTo("a\"b");
    assertThat(message.getString("type")).isEqualTo("Quote\"d");
  }
}
