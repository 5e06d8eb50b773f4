package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutHalted;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebhookCallTest {
  private final MessageCodec codec = new MessageCodec();

  @Test
  void theBodyIsTheEventsIdTypeRolloutAndTheEventItself() {
    RolloutHalted halted = Samples.of(RolloutHalted.class);

    WebhookCall call = WebhookCall.of(new EventPosition(2, 40), halted, codec);

    JsonObject body = new JsonObject(call.body());
    assertThat(body.fieldNames()).containsExactly("id", "type", "rolloutId", "event");
    assertThat(body.getString("id")).isEqualTo(halted.messageId().value().toString());
    assertThat(call.id()).isEqualTo(body.getString("id"));
    assertThat(body.getString("type")).isEqualTo("RolloutHalted");
    assertThat(body.getString("rolloutId")).isEqualTo(halted.rolloutId().value());
    assertThat(codec.decode(body.getJsonObject("event").encode(), RolloutEvent.class))
        .isEqualTo(halted);
    assertThat(call.position()).isEqualTo(new EventPosition(2, 40));
  }
}
