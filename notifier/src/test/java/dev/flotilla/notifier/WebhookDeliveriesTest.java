package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeliveriesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

  private static WebhookCall call(long offset) {
    return new WebhookCall(
        new EventPosition(0, offset), "id-" + offset, "RolloutHalted", "{\"n\":" + offset + "}");
  }

  @Test
  void callsGoOutOneAtATimeInTheOrderTheyWereOwed() {
    WebhookDeliveries deliveries =
        new WebhookDeliveries(WebhookSettings.FIRST_RETRY, WebhookSettings.LONGEST_RETRY);
    Future<Void> first = deliveries.add(call(1));
    Future<Void> second = deliveries.add(call(2));

    assertThat(deliveries.next()).contains(call(1));
    deliveries.delivered();
    assertThat(first.succeeded()).isTrue();
    assertThat(second.isComplete()).isFalse();
    assertThat(deliveries.next()).contains(call(2));
    deliveries.delivered();
    assertThat(deliveries.next()).isEmpty();
    assertThat(deliveries.status().delivered()).isEqualTo(2);
    assertThat(deliveries.status().pending()).isZero();
  }

  @Test
  void aFailedCallStaysFirstAndIsTriedAgainAfterAPauseDoublingFromOneSecondToAMinute() {
    WebhookDeliveries deliveries =
        new WebhookDeliveries(WebhookSettings.FIRST_RETRY, WebhookSettings.LONGEST_RETRY);
    deliveries.add(call(1));
    deliveries.add(call(2));
    List<Long> pauses = new ArrayList<>();

    for (int failure = 0; failure < 9; failure++) {
      pauses.add(deliveries.failed("HTTP 500", NOW).toSeconds());
      assertThat(deliveries.next()).contains(call(1));
    }

    assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    WebhookDeliveries.Status status = deliveries.status();
    assertThat(status.pending()).isEqualTo(2);
    assertThat(status.lastError()).contains("HTTP 500");
    assertThat(status.nextRetry()).contains(NOW.plusSeconds(60));
  }

  @Test
  void aDeliveryStartsThePausesOverAndClearsTheNextRetry() {
    WebhookDeliveries deliveries =
        new WebhookDeliveries(Duration.ofMillis(100), Duration.ofSeconds(1));
    deliveries.add(call(1));
    deliveries.add(call(2));
    deliveries.failed("timeout", NOW);
    deliveries.failed("timeout", NOW);

    deliveries.delivered();

    assertThat(deliveries.status().nextRetry()).isEmpty();
    assertThat(deliveries.status().lastError()).contains("timeout");
    assertThat(deliveries.failed("refused", NOW)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void abandonedCallsFailSoTheirPositionsAreNotCommitted() {
    WebhookDeliveries deliveries =
        new WebhookDeliveries(Duration.ofMillis(100), Duration.ofSeconds(1));
    Future<Void> owed = deliveries.add(call(1));

    deliveries.abandon();

    assertThat(owed.failed()).isTrue();
    assertThat(deliveries.next()).isEmpty();
  }
}
