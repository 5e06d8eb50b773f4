package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.RolloutAdmitted;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.FleetSnapshot;
import dev.flotilla.coordinator.saga.SagaScenario;
import dev.flotilla.messaging.Outgoing;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where requests are judged in one order: against the log as read and what was decided here and not
 * read back yet. The log is fed by hand here, as the fleet view's reader would.
 */
class AdmissionsTest {
  private static final RolloutId FIRST = RolloutId.of("r-first");
  private static final RolloutId SECOND = RolloutId.of("r-second");

  /** Which device the log shows busy, as {@link ActiveDevices} would. */
  private final Map<DeviceId, RolloutId> busyInTheLog = new HashMap<>();

  private final AdmittedRollouts log = new AdmittedRollouts(new MessageCodec());
  private final Admissions admissions =
      new Admissions(
          () ->
              new FleetSnapshot(
                  SagaScenario.catalogue(5),
                  SagaScenario.fleet("rv-1", "rv-2", "rv-3").devices(),
                  busyInTheLog),
          log,
          new EventLinks(new MessageCodec()),
          Clock.fixed(SagaScenario.T0, ZoneOffset.UTC));

  @Test
  void aSecondRequestForADeviceIsRejectedBeforeTheFirstAcceptanceIsReadBack() {
    List<Outgoing<?>> first = admissions.handle(request(FIRST, "rv-1", "rv-2"));
    List<Outgoing<?>> second = admissions.handle(request(SECOND, "rv-2", "rv-3"));

    RolloutAccepted accepted = only(first, RolloutAccepted.class);
    assertThat(accepted.devices()).extracting(DeviceId::value).containsExactly("rv-1", "rv-2");
    assertThat(first)
        .filteredOn(out -> out.topic().equals(Topics.CONTROL))
        .singleElement()
        .extracting(Outgoing::value)
        .isEqualTo(RolloutAdmitted.of(accepted, SagaScenario.T0));
    assertThat(only(second, RolloutRejected.class).reasons())
        .singleElement()
        .asString()
        .contains("rv-2 (in r-first)");
  }

  @Test
  void onceTheLogShowsTheDeviceFreeAgainItCanBeTaken() {
    RolloutAccepted accepted =
        only(admissions.handle(request(FIRST, "rv-1")), RolloutAccepted.class);
    readBack(accepted);
    busyInTheLog.put(DeviceId.of("rv-1"), FIRST);
    assertThat(only(admissions.handle(request(SECOND, "rv-1")), RolloutRejected.class)).isNotNull();

    // The log shows the device finished in the first rollout.
    busyInTheLog.remove(DeviceId.of("rv-1"));

    RolloutAccepted again = only(admissions.handle(request(SECOND, "rv-1")), RolloutAccepted.class);
    // The second rollout was rejected once: its acceptance continues its sequence.
    assertThat(again.sequence()).isEqualTo(2);
  }

  @Test
  void aRequestOrAnUnreadableCopyOfAnAcceptedRolloutChangesNothingACommandGoesToItsOwner() {
    RolloutAccepted accepted =
        only(admissions.handle(request(FIRST, "rv-1")), RolloutAccepted.class);

    assertThat(admissions.handle(request(FIRST, "rv-1"))).isEmpty();
    readBack(accepted);
    assertThat(admissions.handle(request(FIRST, "rv-1"))).isEmpty();
    PauseRollout pause = new PauseRollout(FIRST, "ops", MessageId.random(), SagaScenario.T0);
    assertThat(admissions.handle(pause))
        .singleElement()
        .satisfies(
            out -> {
              assertThat(out.topic()).isEqualTo(Topics.CONTROL);
              assertThat(out.value()).isEqualTo(pause);
            });
  }

  @Test
  void aCommandForARolloutNeverAcceptedIsRefusedInItsSequence() {
    only(admissions.handle(request(FIRST, "rv-9")), RolloutRejected.class);

    List<Outgoing<?>> refused =
        admissions.handle(new PauseRollout(FIRST, "ops", MessageId.random(), SagaScenario.T0));

    assertThat(only(refused, ControlRefused.class).sequence()).isEqualTo(2);
    assertThat(only(refused, ControlRefused.class).reason()).contains("rejected");
  }

  @Test
  void afterAResetOnlyTheLogCounts() {
    only(admissions.handle(request(FIRST, "rv-1")), RolloutAccepted.class);

    // This instance's transaction was aborted: its acceptance never reached the log.
    admissions.reset();

    assertThat(only(admissions.handle(request(SECOND, "rv-1")), RolloutAccepted.class)).isNotNull();
  }

  private void readBack(RolloutEvent event) {
    log.apply(event);
  }

  private static RolloutMessage request(RolloutId rollout, String... devices) {
    return SagaScenario.request(rollout, RolloutPolicy.DEFAULT, devices);
  }

  private static <T> T only(List<Outgoing<?>> out, Class<T> type) {
    List<T> events =
        out.stream()
            .filter(o -> o.topic().equals(Topics.EVENTS))
            .map(Outgoing::value)
            .filter(type::isInstance)
            .map(type::cast)
            .toList();
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
