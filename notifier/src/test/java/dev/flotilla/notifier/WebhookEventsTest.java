package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

  @Test
  void receiversAreOwedRolloutsHaltedAbortedOrFinishedAndWavesAwaitingApproval() {
    List<String> owed =
        Samples.ALL.values().stream()
            .filter(RolloutEvent.class::isInstance)
            .map(RolloutEvent.class::cast)
            .filter(e -> !(e instanceof DeviceFinished))
            .filter(WebhookEvents::owed)
            .map(WebhookEventsTest::type)
            .sorted()
            .toList();

    assertThat(owed)
        .containsExactly(
            "RolloutAborted", "RolloutFinished", "RolloutHalted", "WaveAwaitingApproval");
  }

  @Test
  void aFinishedDeviceIsOwedOnlyWhenItNeedsAttention() {
    DeviceFinished sample = Samples.of(DeviceFinished.class);

    for (DeviceOutcome outcome : DeviceOutcome.values()) {
      DeviceFinished finished =
          new DeviceFinished(
              sample.messageId(),
              sample.rolloutId(),
              sample.sequence(),
              sample.causationId(),
              sample.occurredAt(),
              sample.deviceId(),
              outcome,
              sample.version(),
              sample.backupId(),
              sample.reasons());

      assertThat(WebhookEvents.owed(finished))
          .as(outcome.name())
          .isEqualTo(outcome == DeviceOutcome.NEEDS_ATTENTION);
    }
  }

  @Test
  void everyEventTypeHasASample() {
    // So the first test decides for every type there is, not only for those it happens to see.
    List<Class<?>> sampled =
        Samples.ALL.keySet().stream()
            .filter(RolloutEvent.class::isAssignableFrom)
            .<Class<?>>map(type -> type)
            .toList();

    assertThat(sampled)
        .containsExactlyInAnyOrder(
            Arrays.stream(RolloutEvent.class.getPermittedSubclasses()).toArray(Class<?>[]::new));
  }

  private static String type(Message event) {
    return MessageTypes.of(event.getClass()).name();
  }
}
